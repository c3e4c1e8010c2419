import type { Redis } from 'ioredis';
import { guard } from './guard.js';
import type { Keys } from './keys.js';

export interface ClaimedJob {
  jobId: string;
  dueMs: number;
}

/** The scheduler's due-queue and leases in Redis. Adding, moving or cancelling a job is one call. */
export class ScheduleStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async schedule(jobId: string, dueMs: number): Promise<void> {
    await guard(this.redis.zadd(this.keys.schedDue(), dueMs, jobId));
  }

  async cancel(...jobIds: string[]): Promise<void> {
    if (jobIds.length) await guard(this.redis.zrem(this.keys.schedDue(), ...jobIds));
  }

  async dueAt(jobId: string): Promise<number | undefined> {
    const score = await guard(this.redis.zscore(this.keys.schedDue(), jobId));
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
    for (const jobId of jobIds) pipeline.zrem(this.keys.schedLease(), jobId).zadd(this.keys.schedDue(), 'NX', nowMs, jobId);
    await guard(pipeline.exec());
  }
}
