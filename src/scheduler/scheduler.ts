import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import type { Metrics } from '../http/metrics.js';
import type { Logger } from '../log.js';
import type { ScheduleStore } from '../store/schedule-store.js';

/**
 * A job handler runs one due job and answers when it should run next (undefined: never again).
 * Handlers re-read their state (group, meetup) on every run, so a job that was paused, moved or
 * cancelled while queued simply does nothing.
 */
export type JobHandler = (job: { id: string; args: string[]; dueMs: number; nowMs: number }) => Promise<number | undefined>;

export interface SchedulerOptions {
  /** How long a claimed job is ours; a dead instance's jobs are claimed again after it. */
  leaseMs?: number;
  batch?: number;
  /** Jobs run at once by one instance; the REST client paces the posts within Discord's limits. */
  concurrency?: number;
  /** A failed run is tried again this much later (handlers apply their own catch-up rules). */
  retryMs?: number;
  metrics?: Metrics;
}

/**
 * One node-cron ticker (every minute, and once at start); the work lives in the Redis due-queue, so
 * any number of instances may tick: a claim is atomic and each job runs on one of them.
 */
export class Scheduler {
  private task?: ScheduledTask;
  private ticking?: Promise<number>;
  private readonly running = new Set<string>();
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly concurrency: number;
  private readonly retryMs: number;
  private readonly metrics?: Metrics;

  constructor(
    private readonly store: ScheduleStore,
    private readonly handlers: Record<string, JobHandler>,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: SchedulerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 120_000;
    this.batch = options.batch ?? 200;
    this.concurrency = options.concurrency ?? 10;
    this.retryMs = options.retryMs ?? 60_000;
    this.metrics = options.metrics;
  }

  start(): void {
    this.task = cron.schedule('* * * * *', () => void this.tick());
    void this.tick();
  }

  /**
   * Stops ticking, gives the jobs in hand up to `waitMs` to finish, and hands back any still
   * running so another instance runs them at once instead of after the lease.
   */
  async stop(waitMs = 4_000): Promise<void> {
    await this.task?.stop();
    if (this.ticking) await Promise.race([this.ticking.catch(() => 0), new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
    await this.store.release([...this.running], this.clock.now()).catch(() => undefined);
  }

  /** When the next queued job is due (ms), if any. */
  nextDue(): Promise<number | undefined> {
    return this.store.nextDue();
  }

  /** Claims and runs every job due now; returns how many ran. Overlapping ticks share one run. */
  tick(): Promise<number> {
    this.ticking ??= this.runDue().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async runDue(): Promise<number> {
    let ran = 0;
    try {
      for (;;) {
        const now = this.clock.now();
        const jobs = await this.store.claim(now, this.leaseMs, this.batch);
        if (ran === 0) this.metrics?.queueLag.set(jobs.length ? Math.max(0, now - Math.min(...jobs.map((j) => j.dueMs))) / 1000 : 0);
        await runLimited(jobs, this.concurrency, (job) => this.run(job.jobId, job.dueMs));
        ran += jobs.length;
        if (jobs.length < this.batch) return ran;
      }
    } catch (error) {
      this.log.warn({ err: error }, 'scheduler tick failed; the next tick tries again');
      return ran;
    }
  }

  private async run(jobId: string, dueMs: number): Promise<void> {
    const [kind, ...args] = jobId.split(':');
    const handler = this.handlers[kind!];
    const nowMs = this.clock.now();
    const started = performance.now();
    this.running.add(jobId);
    let next: number | undefined;
    let outcome = 'ok';
    try {
      if (!handler) {
        outcome = 'unknown-job';
      } else {
        next = await handler({ id: jobId, args, dueMs, nowMs });
      }
    } catch (error) {
      outcome = 'retry';
      next = nowMs + this.retryMs;
      this.log.warn({ jobId, err: error }, 'job failed; trying again later');
    } finally {
      this.running.delete(jobId);
    }
    const held = await this.store.finish(jobId, next);
    this.metrics?.posts.inc({ kind: kind ?? 'unknown', outcome });
    this.log.info({ jobId, lateMs: nowMs - dueMs, ms: Math.round(performance.now() - started), outcome, held }, 'job');
  }
}

async function runLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let index = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (index < items.length) await work(items[index++]!);
  });
  await Promise.all(workers);
}
