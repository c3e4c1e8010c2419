import type { AutocompleteInteraction } from 'discord.js';
import type { AppContext } from '../context.js';
import type { Outcome } from '../progress/progress-service.js';
import type { GuildButton, GuildChatInput } from './command.js';
import { clip } from './render/common.js';
import { celebration, privateOutcome } from './render/outcome.js';

/**
 * Answers a done or skip. A finished topic earns a short public celebration (the mention renders
 * as a name and pings nobody); everything else, and what comes next, only the member sees.
 */
export async function replyWithOutcome(i: GuildChatInput | GuildButton, outcome: Outcome): Promise<void> {
  if (outcome.kind === 'recorded' && outcome.action === 'done') {
    await i.reply({ content: celebration(i.user.id, outcome) });
    await i.followUp(privateOutcome(outcome));
    return;
  }
  await i.reply(privateOutcome(outcome));
}

/** Topic choices for autocomplete: any part of a title or id, at most Discord's 25. */
export async function respondWithTopics(i: AutocompleteInteraction, ctx: AppContext): Promise<void> {
  const query = String(i.options.getFocused()).slice(0, 100);
  const choices = ctx.curriculum.search(query, 25).map((topic) => ({ name: clip(`${topic.title} (${topic.id})`, 100), value: topic.id }));
  await i.respond(choices);
}
