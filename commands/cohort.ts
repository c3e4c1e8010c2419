import { MessageFlags } from 'discord.js';
import { answer } from '../src/discord/answer.js';
import { defineCommand, guildOnly } from '../src/discord/command.js';
import { prebuilt } from '../src/discord/render/common.js';
import { cohortEmbed } from '../src/discord/render/cohort.js';

export default defineCommand({
  data: { name: 'cohort', description: 'Who studied in the last 14 days, on which topic, and who to pair up with', ...guildOnly },
  async execute(i, _args, ctx) {
    const view = await ctx.cohort.view(i.guildId, i.user.id);
    return answer(i, { embeds: [prebuilt(cohortEmbed(view, i.user.id, ctx.curriculum))], flags: MessageFlags.Ephemeral });
  },
});
