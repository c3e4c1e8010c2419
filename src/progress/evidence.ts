import { z } from 'zod';

/** Longest link a member may give with /done. */
export const LINK_MAX = 200;

const EXAMPLE = '`https://github.com/you/project`';

/** A link as a member typed it, checked: the address to store, or why it was refused. */
export type LinkCheck = { url: string } | { error: string };

/**
 * Reads the link a member gave as evidence of their work. Only a public https address of at most
 * LINK_MAX characters passes: it is shown to the whole group, so no other scheme (`javascript:`,
 * `http:`), no credentials, no mentions and nothing that could break out of the message's link
 * markup. The refusal never quotes the input (it may hold mentions).
 */
export function readWorkLink(raw: string): LinkCheck {
  const text = raw.trim();
  if (!text) return { error: `The link is empty. Give the address of your work, like ${EXAMPLE}.` };
  if (text.length > LINK_MAX) return { error: `That link is ${text.length} characters long; a link can have at most ${LINK_MAX}. Use a shorter address (your repository or a gist).` };
  if (/@(everyone|here)\b|<[@#]|<\/|<a?:/i.test(text)) return { error: `A link can't contain mentions. Give only the address of your work, like ${EXAMPLE}.` };
  // Spaces, control characters and the characters Discord uses around links would let text escape the link.
  if (/[\s\p{Cc}\p{Cf}<>`"\\|^{}]/u.test(text)) return { error: `A link is one address with no spaces or special characters, like ${EXAMPLE}.` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: `That is not a web address. Give the https address of your work, like ${EXAMPLE}.` };
  }
  if (url.protocol === 'http:') return { error: `Only https links are accepted: use the \`https://\` address of your work.` };
  if (url.protocol !== 'https:') return { error: `Only https web addresses are accepted, like ${EXAMPLE}.` };
  if (url.username || url.password) return { error: 'A link with a user name or password in it is not accepted: give the plain https address.' };
  if (!isPublicHost(url.hostname)) return { error: `That does not look like a public web address. Give the https address of your work, like ${EXAMPLE}.` };
  // The member's own spelling (already checked character by character), not the normalised href:
  // what they typed is what the group sees.
  return { url: text };
}

/** A name with a dot and a top-level domain of letters: not localhost, not a bare IP address. */
function isPublicHost(host: string): boolean {
  const labels = host.split('.');
  return labels.length >= 2 && labels.every((l) => l.length > 0) && /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i.test(labels.at(-1)!);
}

/** One piece of work a member showed: the topic it was for and the link. */
export interface WorkEntry {
  topicId: string;
  url: string;
  at: number;
}

const workSchema = z.object({ t: z.string(), u: z.string(), at: z.number() });

/** Compact JSON, as stored in the member's work list (the undo entry keeps the same string). */
export const encodeWork = (w: WorkEntry): string => JSON.stringify({ t: w.topicId, u: w.url, at: w.at });

export function decodeWork(raw: string): WorkEntry | undefined {
  try {
    const parsed = workSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { topicId: parsed.data.t, url: parsed.data.u, at: parsed.data.at } : undefined;
  } catch {
    return undefined;
  }
}
