import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import { answer } from '../src/discord/answer.js';
import { defineCommand, guildOnly, memberOf, TRACK_OPTION } from '../src/discord/command.js';

export default defineCommand({
  data: {
    name: 'track',
    description: 'Choose the language you study the roadmap in',
    options: [
      {
        name: TRACK_OPTION,
        description: 'Your language track',
        type: ApplicationCommandOptionType.String,
        required: true,
        // choices: the curriculum's tracks, added when the commands are registered
      },
    ],
    ...guildOnly,
  },
  async execute(i, { track }, ctx) {
    await ctx.progress.setTrack(memberOf(i), track);
    const title = ctx.curriculum.track(track)?.title ?? track;
    return answer(i, { content: `Your track is now **${title}**. Topics you already finished still count; \`/next\` shows where you are on it.`, flags: MessageFlags.Ephemeral });
  },
});
