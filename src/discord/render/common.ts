import { MessageFlags } from 'discord.js';

export const COLOUR = { brand: 0x5865f2, success: 0x57f287, info: 0x3498db, muted: 0x99aab5 } as const;

/** Discord's limits for embed parts: text beyond them is cut with an ellipsis, never rejected. */
export const LIMIT = { title: 256, description: 4096, fieldValue: 1024, footer: 2048 } as const;

export { clip } from '../../text.js';

/**
 * Discord's JSON, handed to discord.js as already built: a plain object would be run through its
 * builders and a key-by-key snake-case conversion on every reply (about 8 % of the bot's time under
 * load, bench/PROFILE.md); our renderers already write Discord's own field names and limits.
 */
export const prebuilt = <T>(data: T): { toJSON(): T } => ({ toJSON: () => data });

/** Joins lines until the next one would pass the limit, so a list never breaks mid-line. */
export function fitLines(lines: string[], max: number): string {
  let out = '';
  for (const line of lines) {
    const next = out ? `${out}\n${line}` : line;
    if (next.length > max) break;
    out = next;
  }
  return out;
}

export const ephemeral = (content: string) => ({ content, flags: MessageFlags.Ephemeral }) as const;

export function progressBar(part: number, total: number, width = 10): string {
  const filled = total === 0 ? 0 : Math.round((part / total) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}
