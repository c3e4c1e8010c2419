import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import { answer } from '../src/discord/answer.js';
import { defineCommand, guildOnly } from '../src/discord/command.js';
import { progressEmbed } from '../src/discord/render/progress.js';
import { UserError } from '../src/errors.js';

export default defineCommand({
  data: {
    name: 'progress',
    description: 'See your progress, or another member’s',
    options: [{ name: 'member', description: 'Whose progress (default: yours)', type: ApplicationCommandOptionType.User }],
    ...guildOnly,
  },
  async execute(i, args, ctx) {
    const target = args.member ?? i.user;
    if (target.bot) throw new UserError('Bots do not study the roadmap, so they have no progress to show.');
    const report = await ctx.progress.progress({ guildId: i.guildId, userId: target.id });
    const self = target.id === i.user.id;
    if (!report.started) {
      const content = self ? 'You have not started yet. `/next` shows your first topic.' : `<@${target.id}> has not marked any topic yet.`;
      return answer(i, { content, flags: MessageFlags.Ephemeral });
    }
    const trackTitle = ctx.curriculum.track(report.track)?.title ?? report.track;
    return answer(i, { embeds: [progressEmbed(target.id, report, trackTitle)], flags: MessageFlags.Ephemeral });
  },
});
