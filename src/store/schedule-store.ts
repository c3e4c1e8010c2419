import type { Redis } from 'ioredis';
import { jobId, type Job } from '../scheduler/job.js';
import { guard, guardWrite } from './guard.js';
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

  /** Queues jobs (or moves them) in one ZADD. */
  async schedule(...entries: Array<[job: Job, dueMs: number]>): Promise<void> {
    if (entries.length) await guardWrite(this.redis.zadd(this.keys.schedDue(), ...entries.flatMap(([job, dueMs]) => [dueMs, jobId(job)])));
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
