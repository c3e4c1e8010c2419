import type { RedisClient as Redis } from './redis.js';
import { exec, guardWrite } from './guard.js';
import type { Keys } from './keys.js';

/** Who hides from the boards and the cohort view, and whether a server turned its boards off. */
export class PrivacyStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Whether the member hides, and whether the server's boards are off: one round trip. */
  async read(guildId: string, userId: string): Promise<{ hidden: boolean; boardsOff: boolean }> {
    const [hidden, boards] = await exec(this.redis.pipeline().sismember(this.keys.privateMembers(guildId), userId).hget(this.keys.group(guildId), 'boards'));
    return { hidden: hidden === 1, boardsOff: boards === 'off' };
  }

  /**
   * Hides or shows the member; true when that changed something. The guild's set filters the boards
   * and the cohort view; the same flag in the member's hash comes with the read a /done makes anyway,
   * so a hidden member's celebration costs no extra command. One MULTI: both or neither.
   */
  async setHidden(guildId: string, userId: string, hidden: boolean): Promise<boolean> {
    const set = this.keys.privateMembers(guildId);
    const member = this.keys.member(guildId, userId);
    const multi = hidden ? this.redis.multi().sadd(set, userId).hset(member, 'hidden', '1') : this.redis.multi().srem(set, userId).hdel(member, 'hidden');
    const [changed] = await exec(multi, { write: true });
    return changed === 1;
  }

  /**
   * Turns the server's public boards on or off. The flag lives with the study group's settings (a
   * server without a group may set it too; the scheduler ignores a settings hash without a channel).
   */
  async setBoards(guildId: string, on: boolean): Promise<void> {
    const key = this.keys.group(guildId);
    await guardWrite(on ? this.redis.hdel(key, 'boards') : this.redis.hset(key, 'boards', 'off'));
  }
}
