import { ApplicationCommandOptionType, MessageFlags, type AutocompleteInteraction } from 'discord.js';
import { answer } from './answer.js';
import type { AppContext } from '../context.js';
import type { Outcome } from '../progress/progress-service.js';
import { memberOf, TOPIC_OPTION_MAX, type ButtonHandler, type GuildButton, type GuildChatInput } from './command.js';
import { clip } from './render/common.js';
import { celebration, celebrationRow, privateOutcome } from './render/outcome.js';
import { prebuilt } from './render/common.js';

/**
 * Answers a done or skip with one message. A finished topic earns a short public celebration (the
 * mention renders as a name and pings nobody) that says what comes next, with a button that shows
 * whoever presses it their own next card, and (for a topic with questions) **Check yourself**, which
 * starts the presser's own self-check privately; everything else only the member sees.
 *
 * One message, not a celebration plus a private follow-up: discord.js sends follow-ups through the
 * bot's global rate limit (50/s), so under load they queued by the thousand (bench/RESULTS.md).
 */
export async function replyWithOutcome(i: GuildChatInput | GuildButton, outcome: Outcome, options: { linkGiven?: boolean } = {}): Promise<void> {
  if (outcome.kind === 'recorded' && outcome.action === 'done') {
    // A member who hides (/privacy) is celebrated only to themselves: the channel never names them.
    const flags = outcome.hidden ? { flags: MessageFlags.Ephemeral as const } : {};
    await answer(i, { content: celebration(i.user.id, outcome), components: [prebuilt(celebrationRow(outcome.topic))], ...flags });
    return;
  }
  const reply = privateOutcome(outcome);
  if (options.linkGiven) reply.content += `\n${LINK_NOT_SAVED}`;
  await answer(i, reply);
}

/** A link goes with the done that finishes a topic; given with any other outcome, it is not kept. */
const LINK_NOT_SAVED = 'Your link was not saved: a link is kept with the `/done` that finishes a topic.';

/** The optional, autocompleted topic /done and /skip take (default: the member's current one). */
export const topicOption = { name: 'topic', description: 'Topic (default: your current one)', type: ApplicationCommandOptionType.String, autocomplete: true, max_length: TOPIC_OPTION_MAX } as const;

/** The **Done** or **Skip** button of a topic card: the command, on the card's topic. */
export const markButton =
  (action: 'done' | 'skip'): ButtonHandler =>
  async (i, topicId, ctx) =>
    replyWithOutcome(i, await ctx.progress[action](memberOf(i), topicId, i.id));

/** Topic choices for autocomplete: any part of a title or id, at most Discord's 25. */
export async function respondWithTopics(i: AutocompleteInteraction, ctx: AppContext): Promise<void> {
  const query = String(i.options.getFocused()).slice(0, 100);
  const choices = ctx.curriculum.search(query, 25).map((topic) => ({ name: clip(`${topic.title} (${topic.id})`, 100), value: topic.id }));
  await i.respond(choices);
}
