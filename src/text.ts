/** Cuts text to `max` characters, marking the cut with an ellipsis. */
export const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** A member's own input, safe to echo back inside inline code in an answer. */
export const echo = (text: string, max = 64) => clip(text.replaceAll('`', ''), max);
