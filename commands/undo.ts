import { MessageFlags } from 'discord.js';
import { answer } from '../src/discord/answer.js';
import { defineCommand, guildOnly, memberOf } from '../src/discord/command.js';

export default defineCommand({
  data: { name: 'undo', description: 'Take back your last done or skip', ...guildOnly },
  async execute(i, _args, ctx) {
    const result = await ctx.progress.undo(memberOf(i), i.id);
    const title = result.kind === 'ok' ? `**${result.topic?.title ?? result.topicId}**` : '';
    const content =
      result.kind === 'empty'
        ? 'There is nothing to undo: you have not marked any topic yet.'
        : result.kind === 'replay'
          ? 'That undo was already applied, so nothing changed.'
          : result.action === 'done'
            ? `↩️ ${title} is open again; ${result.points} points and the streak it earned are taken back.`
            : `↩️ ${title} is no longer skipped.`;
    return answer(i, { content, flags: MessageFlags.Ephemeral });
  },
});
