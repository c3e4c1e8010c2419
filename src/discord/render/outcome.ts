import { ButtonStyle, ComponentType, MessageFlags, type APIActionRowComponent, type APIButtonComponentWithCustomId } from 'discord.js';
import { buttonId } from '../buttons.js';
import type { Topic } from '../../curriculum/types.js';
import type { Outcome } from '../../progress/progress-service.js';
import { checkButton } from './remember.js';

type Recorded = Extract<Outcome, { kind: 'recorded' }>;

/** The public line for the channel: names the member as a mention (no ping), the topic and what is next. */
export function celebration(userId: string, o: Recorded): string {
  const freeze = o.usedFreeze ? ', a freeze covered the missed day' : o.earnedFreeze ? ', 🧊 earned a streak freeze' : '';
  const streak = o.streak > 1 ? ` · 🔥 ${o.streak}-day streak${freeze}` : '';
  const next = o.next ? `Next up: **${o.next.title}**.` : '🏁 That was their last open topic on the track!';
  // Angle brackets keep Discord from unfurling a preview of a member's link into the channel.
  const work = o.link ? `\n🔗 Their work: <${o.link}>` : '';
  return `🎉 <@${userId}> finished **${o.topic.title}** (+${o.gained} points${streak}). ${next}${work}`;
}

/**
 * Under the celebration: **My next topic** shows whoever presses it their own next card (see
 * commands/next.ts); **Check yourself**, for a topic with questions, starts the presser's own
 * self-check of it, privately (commands/review.ts).
 */
export function celebrationRow(topic: Topic): APIActionRowComponent<APIButtonComponentWithCustomId> {
  const next: APIButtonComponentWithCustomId = { type: ComponentType.Button, custom_id: buttonId('next', 'me'), label: 'My next topic', style: ButtonStyle.Secondary };
  return { type: ComponentType.ActionRow, components: topic.check.length ? [next, checkButton(topic)] : [next] };
}

/** What only the member sees after a skip, or a done or skip that changed nothing. */
export function privateOutcome(o: Outcome): { content: string; flags: MessageFlags.Ephemeral } {
  return { content: outcomeText(o), flags: MessageFlags.Ephemeral };
}

function outcomeText(o: Outcome): string {
  switch (o.kind) {
    case 'recorded': // a done is answered publicly (celebration); this is a skip
      return `⏭️ Skipped **${o.topic.title}**. You can still \`/done\` it later.\n${nextLine(o.next)}`;
    case 'already':
      return o.state === 'done'
        ? `You already finished **${o.topic.title}**, so nothing changed. \`/next\` shows what is up next.`
        : `You already skipped **${o.topic.title}**, so nothing changed. Use \`/done\` on it when you have studied it.`;
    case 'finished':
      return '🏁 You have no open topic left on your track. `/progress` shows everything you did.';
    case 'replay':
      return 'That request was already counted, so nothing changed.';
  }
}

function nextLine(next: { title: string } | undefined): string {
  return next ? `Next up: **${next.title}**. Run \`/next\` for its card.` : '🏁 That was the last open topic on your track. Well done!';
}
