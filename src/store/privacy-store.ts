import type { RedisClient as Redis } from './redis.js';
import { exec, guard, guardWrite } from './guard.js';
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

  /** Hides or shows the member; true when that changed something. */
  async setHidden(guildId: string, userId: string, hidden: boolean): Promise<boolean> {
    const key = this.keys.privateMembers(guildId);
    const changed = await guardWrite(hidden ? this.redis.sadd(key, userId) : this.redis.srem(key, userId));
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

  async boardsOff(guildId: string): Promise<boolean> {
    return (await guard(this.redis.hget(this.keys.group(guildId), 'boards'))) === 'off';
  }
}
