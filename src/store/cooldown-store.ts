import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import { guard } from './guard.js';
import type { Keys } from './keys.js';
import type { RedisClient } from './redis.js';

/**
 * Per-member rate limit for commands and buttons: at most `limit` in any `windowMs` (0: none),
 * counted in Redis so that every replica and shard shares one count: two replicas never allow a
 * member twice the rate. One small script call per command.
 */
export class CooldownStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly clock: Clock,
    private readonly limit: number,
    private readonly windowMs = 10_000,
  ) {}

  /** Milliseconds the member must wait, or 0 when this use is allowed (and counted). */
  async take(guildId: string, userId: string): Promise<number> {
    if (this.limit === 0) return 0;
    const id = `${this.clock.now()}-${randomBytes(4).toString('hex')}`;
    return guard(this.redis.syllabotCooldown(this.keys.memberCooldown(guildId, userId), this.clock.now(), this.windowMs, this.limit, id));
  }
}
