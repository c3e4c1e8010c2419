import type { RedisClient as Redis } from '../../src/store/redis.js';
import { StoreUnavailableError, WriteInDoubtError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { GroupService } from '../../src/groups/group-service.js';
import { GroupStore } from '../../src/groups/group-store.js';
import { MeetupService } from '../../src/meetups/meetup-service.js';
import { MeetupStore } from '../../src/meetups/meetup-store.js';
import { jobIsLive } from '../../src/scheduler/jobs/is-live.js';
import { guildPlanner } from '../../src/scheduler/jobs/planner.js';
import { Scheduler, type JobHandlers } from '../../src/scheduler/scheduler.js';
import { createKeys, type Keys } from '../../src/store/keys.js';
import { createRedis } from '../../src/store/redis.js';
import { ScheduleStore } from '../../src/store/schedule-store.js';
import { OwnRedisServer } from '../../standin/redis-server.js';
import { loadCurriculum } from '../../src/curriculum/load.js';
import { FakeClock } from './fake-clock.js';

/**
 * Counts the calls a service makes on its stores (each store method is one Redis round trip) and
 * SIGKILLs the Redis server just before call number `killAt` goes out, as a crash would.
 */
function crashing<T extends object>(store: T, counter: { calls: number; killAt: number; kill: () => Promise<void> }): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (counter.calls++ === counter.killAt) await counter.kill();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** Group and meetup services on a Redis that persists every write, killed at a chosen call. */
export async function crashWorld(killAt: number) {
  const server = await OwnRedisServer.start({ persistent: true });
  const redis: Redis = createRedis(server.url);
  redis.on('error', () => {});
  await redis.connect();
  const keys: Keys = createKeys('crash');
  const clock = new FakeClock(Date.parse('2026-11-23T10:00:00Z'));
  const counter = { calls: 0, killAt, kill: () => server.kill() };
  const stores = { groups: new GroupStore(redis, keys), meetups: new MeetupStore(redis, keys), schedule: new ScheduleStore(redis, keys) };
  const curriculum = loadCurriculum('tests/fixtures/curriculum-small');
  const crashingStores = { groups: crashing(stores.groups, counter), meetups: crashing(stores.meetups, counter), schedule: crashing(stores.schedule, counter) };
  const none = async () => undefined;
  const handlers: JobHandlers = { daily: none, recap: none, meetup: none };
  const scheduler = new Scheduler(stores.schedule, handlers, clock, createLogger('silent'), { orphanSettleMs: 1, isLive: jobIsLive(stores), plan: guildPlanner(stores) });
  return {
    redis,
    keys,
    clock,
    stores,
    scheduler,
    counter,
    groups: new GroupService(crashingStores.groups, crashingStores.schedule, curriculum, clock),
    meetups: new MeetupService(crashingStores.meetups, crashingStores.groups, crashingStores.schedule, clock),
    /**
     * Runs a change with the server killed before call `killAt` (counting from now): 'done', or
     * 'failed' with the answer a member would get (store unavailable, or a write in doubt); then
     * brings the server back and reconciles the queue, as a restarted bot would.
     */
    async crashDuring(killAt: number, change: () => Promise<unknown>): Promise<{ outcome: 'done' | 'failed'; calls: number }> {
      counter.calls = 0;
      counter.killAt = killAt;
      const outcome = await change().then(
        () => 'done' as const,
        (error: unknown) => {
          if (!(error instanceof StoreUnavailableError || error instanceof WriteInDoubtError)) throw error;
          return 'failed' as const;
        },
      );
      const calls = counter.calls;
      await this.restart();
      await scheduler.reconcile();
      return { outcome, calls };
    },
    /** Brings the killed server back with what it had acknowledged, and waits for the client. */
    async restart() {
      await server.kill();
      await server.resume();
      while (redis.status !== 'ready') await new Promise((r) => setTimeout(r, 20));
    },
    async close() {
      redis.disconnect();
      await server.destroy();
    },
  };
}
