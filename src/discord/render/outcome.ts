import { MessageFlags } from 'discord.js';
import type { Outcome } from '../../progress/progress-service.js';

type Recorded = Extract<Outcome, { kind: 'recorded' }>;

/** The public line for the channel: names the member as a mention (no ping) and the topic. */
export function celebration(userId: string, o: Recorded): string {
  const streak = o.streak > 1 ? ` · 🔥 ${o.streak}-day streak` : '';
  return `🎉 <@${userId}> finished **${o.topic.title}** (+${o.gained} points${streak})`;
}

/** What only the member sees after done or skip: what changed and what comes next. */
export function privateOutcome(o: Outcome): { content: string; flags: MessageFlags.Ephemeral } {
  return { content: outcomeText(o), flags: MessageFlags.Ephemeral };
}

function outcomeText(o: Outcome): string {
  switch (o.kind) {
    case 'recorded': {
      const what = o.action === 'done' ? `✅ **${o.topic.title}** is done. You have ${o.points} points.` : `⏭️ Skipped **${o.topic.title}**. You can still \`/done\` it later.`;
      return `${what}\n${nextLine(o.next)}`;
    }
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

export function nextLine(next: { title: string } | undefined): string {
  return next ? `Next up: **${next.title}**. Run \`/next\` for its card.` : '🏁 That was the last open topic on your track. Well done!';
}
