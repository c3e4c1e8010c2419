import { randomUUID } from 'node:crypto';
import type { RedisClient as Redis } from './redis.js';
import type { Logger } from '../log.js';
import type { Keys } from './keys.js';

/**
 * Notices a store that came back empty (a Redis restarted without persistence, a flushed
 * database): the bot keeps a marker in Redis and remembers it; when the marker it saw is gone or
 * replaced, every group, schedule and point was lost with it. That is logged once per loss, counted,
 * and shown in /readyz, because the bot itself keeps working and nothing else would tell.
 */
export class StoreIdentity {
  private seen?: string;
  private lost?: number;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly log: Logger,
    private readonly onLoss: () => void,
  ) {}

  /** When the last loss was noticed (ms), if any. */
  get lostAt(): number | undefined {
    return this.lost;
  }

  async check(nowMs: number): Promise<void> {
    const key = this.keys.storeIdentity();
    let current = await this.redis.get(key);
    if (current === null) {
      const fresh = randomUUID();
      // Several replicas may notice at once: the first marker written wins, all read it back.
      current = (await this.redis.set(key, fresh, 'NX')) === 'OK' ? fresh : await this.redis.get(key);
    }
    if (this.seen !== undefined && current !== this.seen) {
      this.lost = nowMs;
      this.onLoss();
      this.log.error(
        { key },
        'the study store lost its data: its marker is gone, so every group, schedule and point in it was lost. Production Redis must persist (appendonly yes); see docs/OPERATIONS.md',
      );
    }
    this.seen = current ?? undefined;
  }
}
