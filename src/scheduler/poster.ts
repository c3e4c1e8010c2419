import { createHash } from 'node:crypto';
import type { Topic } from '../curriculum/types.js';
import type { Meetup } from '../meetups/meetup-store.js';
import type { BoardRow } from '../store/progress-store.js';

export interface DailyPromptView {
  topic: Topic;
  moduleTitle: string;
  slotMs: number;
  /** The slot's date as the group reads it, "Tue 24 Nov 2026": shown on the post, and how a retry finds it. */
  slotLabel: string;
}

export type ReminderStage = '24h' | '1h' | 'start';

export interface ReminderView {
  meetup: Meetup;
  stage: ReminderStage;
  /** Members who said they are coming: the only people a Syllabot post ever pings. */
  attendees: string[];
}

export interface RecapView {
  /** The server turned its boards off: the recap names nobody */
  boardsOff?: boolean;
  week: string;
  rows: BoardRow[];
  topicsDone: number;
}

/** The scheduler's way out to the channel; implemented over Discord REST in src/discord/poster.ts. */
export interface Poster {
  /**
   * `mayExist`: an earlier attempt at this slot may have posted (it crashed before recording it).
   * The poster then looks for that post in the channel first and, finding it, posts nothing and
   * starts no thread: a thread only ever starts on a message this attempt created.
   */
  dailyPrompt(channelId: string, view: DailyPromptView, nonce: string, mayExist: boolean): Promise<void>;
  reminder(channelId: string, view: ReminderView, nonce: string): Promise<void>;
  recap(channelId: string, view: RecapView, nonce: string): Promise<void>;
}

/** The channel refused the post for good: the group's schedule pauses with this reason. */
export class PostRefused extends Error {
  override name = 'PostRefused';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * A nonce per (job, slot): with enforce_nonce, Discord returns the first message instead of
 * posting again when a retry after a crash sends the same post. Discord allows 25 characters.
 */
export function nonceFor(jobId: string, slotMs: number): string {
  return createHash('sha256').update(`${jobId}@${slotMs}`).digest('base64url').slice(0, 25);
}

/** The nonce of part `n` of a post sent as several messages; part 0 keeps the post's own. */
export function partNonce(nonce: string, part: number): string {
  return part === 0 ? nonce : createHash('sha256').update(`${nonce}#${part}`).digest('base64url').slice(0, 25);
}
