import type { RedisClient as Redis } from '../../src/store/redis.js';
import { loadCurriculum } from '../../src/curriculum/load.js';
import { ProgressService } from '../../src/progress/progress-service.js';
import { createKeys } from '../../src/store/keys.js';
import { ProgressStore } from '../../src/store/progress-store.js';
import { createRedis } from '../../src/store/redis.js';
import { FakeClock } from './fake-clock.js';
import { deletePrefix, redisUrl, uniquePrefix } from './redis.js';

export const SMALL_CURRICULUM = 'tests/fixtures/curriculum-small';

/** The progress service on the real Redis, a prefix of its own and a fake clock. */
export async function progressHarness(name: string, options: { curriculumDir?: string; zone?: string; start?: string; guildId?: string; url?: string } = {}) {
  const redis: Redis = createRedis(options.url ?? redisUrl());
  await redis.connect();
  const prefix = uniquePrefix(name);
  const keys = createKeys(prefix);
  const clock = new FakeClock(Date.parse(options.start ?? '2026-11-23T10:00:00Z'));
  const curriculum = loadCurriculum(options.curriculumDir ?? SMALL_CURRICULUM);
  // A guild counts its days in its study group's zone, read with the member.
  if (options.zone) await redis.hset(keys.group(options.guildId ?? '1'), 'tz', options.zone);
  const store = new ProgressStore(redis, keys);
  const service = new ProgressService(store, curriculum, clock);
  let interaction = 0;
  return {
    redis,
    keys,
    clock,
    curriculum,
    store,
    service,
    /** A fresh interaction id per call, as Discord gives. */
    nextInteraction: () => `i${++interaction}`,
    async close() {
      await deletePrefix(redis, prefix);
      redis.disconnect();
    },
  };
}
