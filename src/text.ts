import { escapeMarkdown } from 'discord.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts text to at most `max` UTF-16 units (so within any Discord limit counted in characters),
 * marking the cut with an ellipsis. It cuts between graphemes: never inside a surrogate pair (which
 * Discord refuses as invalid Unicode) and never between an emoji and its modifiers.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out}…`;
}

/** A member's own input, safe to echo back inside inline code in an answer. */
export const echo = (text: string, max = 64) => clip(text.replaceAll('`', ''), max);

/**
 * Text a member wrote (a meetup title) as it should read inside a message: markdown and masked
 * links escaped, so `**SQL** [click](https://…)` shows as typed instead of bold and a hidden link.
 */
export const literal = (text: string) => escapeMarkdown(text, { maskedLink: true, numberedList: true, bulletedList: true, heading: true });
