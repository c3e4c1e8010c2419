import type { ForgetResult } from '../../together/privacy-service.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What /forget-me erased, item by item, so the member knows exactly what is gone. */
export function erasedText(result: ForgetResult): string {
  if (result.kind === 'nothing') return 'I had nothing stored about you in this server, so there was nothing to erase.';
  const w = result.what;
  const items = [
    w.topics && `${plural(w.topics, 'topic')} done or skipped`,
    w.points && plural(w.points, 'point'),
    w.streak && `your ${plural(w.streak, 'day')} streak`,
    w.work && plural(w.work, 'work link'),
    w.reviews && plural(w.reviews, 'planned review'),
    w.checks && plural(w.checks, 'self-check answer'),
    w.undoSteps && plural(w.undoSteps, 'undo step'),
    w.boards && `your places on ${plural(w.boards, 'leaderboard')}`,
    w.rsvps && plural(w.rsvps, 'meetup RSVP'),
    w.meetupsCreated && `your name on ${plural(w.meetupsCreated, 'meetup')} you created (the meetups stay for the group)`,
    w.hidden && 'your privacy setting',
    w.active && 'your place in the cohort view',
  ].filter((item): item is string => Boolean(item));
  const list = items.length ? items.map((item) => `• ${item}`).join('\n') : '• your settings (track choice)';
  return `🗑️ Erased everything I stored about you in this server:\n${list}\n\nNothing of yours is left here. \`/next\` starts you fresh whenever you like.`;
}
