import { MessageFlags } from 'discord.js';
import { answer } from '../src/discord/answer.js';
import type { AppContext } from '../src/context.js';
import { defineCommand, guildOnly, memberOf, type GuildButton, type GuildChatInput } from '../src/discord/command.js';
import { prebuilt } from '../src/discord/render/common.js';
import { topicButtons, topicCard } from '../src/discord/render/topic.js';

export default defineCommand({
  data: { name: 'next', description: 'Show your next topic to study', ...guildOnly },
  execute: (i, _args, ctx) => showNext(i, ctx),
  buttons: { next: (i, _me, ctx) => showNext(i, ctx) },
});

/** The member's next topic card, only for them; also behind the "My next topic" button. */
async function showNext(i: GuildChatInput | GuildButton, ctx: AppContext) {
  const { track, topic, reviewsDue } = await ctx.progress.next(memberOf(i));
  const trackTitle = ctx.curriculum.track(track)?.title ?? track;
  const reviews = reviewsDue ? `\n📚 ${reviewsDue} review${reviewsDue === 1 ? '' : 's'} due: \`/review\`` : '';
  if (!topic) {
    return answer(i, { content: `🏁 You have finished every topic on the ${trackTitle} track. Try \`/track\` for another one, or \`/progress\` to look back.${reviews}`, flags: MessageFlags.Ephemeral });
  }
  return answer(i, {
    content: `Your next topic on the **${trackTitle}** track:${reviews}`,
    embeds: [prebuilt(topicCard(topic, ctx.curriculum))],
    components: [prebuilt(topicButtons(topic))],
    flags: MessageFlags.Ephemeral,
  });
}
