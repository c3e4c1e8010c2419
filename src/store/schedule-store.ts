import { scanKeys, type RedisClient as Redis } from './redis.js';
import { jobId, type Job } from '../scheduler/job.js';
import type { PlannedJob } from '../scheduler/plan.js';
import { exec, guard, guardWrite } from './guard.js';
import type { Keys } from './keys.js';

export interface ClaimedJob {
  jobId: string;
  dueMs: number;
}

/** The scheduler's due-queue and leases in Redis. Adding, moving or cancelling jobs is one call. */
export class ScheduleStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /**
   * Queues jobs (or moves them), and notes their guilds in the index reconcile reads, in one MULTI
   * (both keys share the `{sched}` slot).
   */
  async schedule(...entries: PlannedJob[]): Promise<void> {
    if (!entries.length) return;
    const guilds = [...new Set(entries.map(([job]) => job.guildId))];
    const multi = this.redis.multi().zadd(this.keys.schedDue(), ...entries.flatMap(([job, dueMs]) => [dueMs, jobId(job)])).sadd(this.keys.schedGuilds(), ...guilds);
    await exec(multi, { write: true });
  }

  /** Queues the jobs that are neither queued nor being run (ZADD NX), noting their guilds. */
  async scheduleMissing(entries: PlannedJob[]): Promise<number> {
    if (!entries.length) return 0;
    const ids = entries.map(([job]) => jobId(job));
    const read = this.redis.pipeline();
    for (const id of ids) read.zscore(this.keys.schedDue(), id).zscore(this.keys.schedLease(), id);
    const scores = await exec(read);
    const missing = entries.filter((_, n) => scores[2 * n] === null && scores[2 * n + 1] === null);
    if (!missing.length) return 0;
    const added = await exec(
      this.redis
        .multi()
        .zadd(this.keys.schedDue(), 'NX', ...missing.flatMap(([job, dueMs]) => [dueMs, jobId(job)]))
        .sadd(this.keys.schedGuilds(), ...new Set(missing.map(([job]) => job.guildId))),
      { write: true },
    );
    return Number(added[0]);
  }

  /** The guilds that have had jobs queued, a page at a time. */
  async *guilds(): AsyncGenerator<string[]> {
    let cursor = '0';
    do {
      const [next, page] = await guard(this.redis.sscan(this.keys.schedGuilds(), cursor, 'COUNT', 200));
      cursor = next;
      if (page.length) yield page;
    } while (cursor !== '0');
  }

  async noteGuilds(guildIds: string[]): Promise<void> {
    if (guildIds.length) await guard(this.redis.sadd(this.keys.schedGuilds(), ...guildIds));
  }

  async forgetGuild(guildId: string): Promise<void> {
    await guard(this.redis.srem(this.keys.schedGuilds(), guildId));
  }

  /**
   * Every guild with study-group settings or meetups, found by scanning the keyspace (on each
   * node of a cluster): what reconcile indexes once at start, in case the index itself was lost.
   */
  async *discoverGuilds(): AsyncGenerator<string[]> {
    for (const match of [this.keys.groupPattern(), this.keys.meetupsPattern()]) {
      for await (const found of scanKeys(this.redis, match)) {
        const ids = found.map((key) => this.keys.guildOf(key)).filter((id): id is string => id !== undefined);
        if (ids.length) yield ids;
      }
    }
  }

  async cancel(...jobs: Job[]): Promise<void> {
    if (jobs.length) await guardWrite(this.redis.zrem(this.keys.schedDue(), ...jobs.map(jobId)));
  }

  async dueAt(job: Job): Promise<number | undefined> {
    const score = await guard(this.redis.zscore(this.keys.schedDue(), jobId(job)));
    return score === null ? undefined : Number(score);
  }

  /** When the earliest queued job is due (ms), if any. */
  async nextDue(): Promise<number | undefined> {
    const [, score] = await guard(this.redis.zrange(this.keys.schedDue(), 0, 0, 'WITHSCORES'));
    return score === undefined ? undefined : Number(score);
  }

  async claim(nowMs: number, leaseMs: number, limit: number): Promise<ClaimedJob[]> {
    const flat = await guard(this.redis.syllabotClaim(this.keys.schedDue(), this.keys.schedLease(), nowMs, leaseMs, limit));
    const jobs: ClaimedJob[] = [];
    for (let i = 0; i < flat.length; i += 2) jobs.push({ jobId: flat[i]!, dueMs: Number(flat[i + 1]) });
    return jobs;
  }

  /** Releases the lease and schedules the next run (or none). False when the lease had expired. */
  async finish(jobId: string, nextMs: number | undefined): Promise<boolean> {
    return (await guard(this.redis.syllabotFinish(this.keys.schedDue(), this.keys.schedLease(), jobId, nextMs ?? ''))) === 1;
  }

  /** Extends the leases of jobs still leased (ZADD XX: a lease that ended meanwhile is not revived). */
  async renew(jobIds: string[], deadlineMs: number): Promise<void> {
    if (jobIds.length) await guard(this.redis.zadd(this.keys.schedLease(), 'XX', ...jobIds.flatMap((id) => [deadlineMs, id])));
  }

  /** Gives leased jobs back at once (clean shutdown), so another instance runs them now. */
  async release(jobIds: string[], nowMs: number): Promise<void> {
    if (!jobIds.length) return;
    const pipeline = this.redis.multi();
    for (const id of jobIds) pipeline.zrem(this.keys.schedLease(), id).zadd(this.keys.schedDue(), 'NX', nowMs, id);
    await guard(pipeline.exec());
  }

  /** Every queued job with its due time, a page at a time (ZSCAN: the queue is never read whole). */
  async *queued(): AsyncGenerator<ClaimedJob[]> {
    let cursor = '0';
    do {
      const [next, flat] = await guard(this.redis.zscan(this.keys.schedDue(), cursor, 'COUNT', 500));
      cursor = next;
      const page: ClaimedJob[] = [];
      for (let i = 0; i < flat.length; i += 2) page.push({ jobId: flat[i]!, dueMs: Number(flat[i + 1]) });
      if (page.length) yield page;
    } while (cursor !== '0');
  }

  /** Removes a job only if it is still due when it was read (a job moved meanwhile stays). */
  async dropIfDue(job: ClaimedJob): Promise<boolean> {
    return (await guard(this.redis.syllabotDropIfDue(this.keys.schedDue(), job.jobId, String(job.dueMs)))) === 1;
  }
}
