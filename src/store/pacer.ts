import type { RedisClient as Redis } from './redis.js';
import { guard } from './guard.js';
import type { Keys } from './keys.js';

/** Paces requests that count toward a rate limit; `take` resolves when one may be sent. */
export interface Pacer {
  take(cost?: number): Promise<void>;
}

/**
 * Discord allows a bot 50 requests a second in all (its global limit) and counts 429s toward an
 * invalid-request ban. The scheduler's posts stay under it by themselves instead of relying on
 * 429s: one token bucket in Redis, shared by every replica, at `rate` per second (default 45,
 * leaving room for the interactions' own follow-ups).
 */
export class RedisPacer implements Pacer {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly rate = 45,
    /** At most 45 + 5 in any second: within Discord's 50 even when posts bunch up behind a busy CPU. */
    private readonly burst = 5,
  ) {}

  async take(cost = 1): Promise<void> {
    const waitMs = await guard(this.redis.syllabotPace(this.keys.postBucket(), this.rate, this.burst, cost));
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
