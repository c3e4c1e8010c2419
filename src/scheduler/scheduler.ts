import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import type { Metrics } from '../http/metrics.js';
import type { Logger } from '../log.js';
import type { ClaimedJob, ScheduleStore } from '../store/schedule-store.js';
import { parseJobId, type Job, type JobKind } from './job.js';
import type { PlannedJob } from './plan.js';

export interface JobRun {
  id: string;
  dueMs: number;
  nowMs: number;
}

/**
 * A job handler runs one due job and answers when it should run next (undefined: never again).
 * Handlers re-read their state (group, meetup) on every run, so a job that was paused, moved or
 * cancelled while queued simply does nothing.
 */
export type JobHandler<K extends JobKind = JobKind> = (job: Extract<Job, { kind: K }>, run: JobRun) => Promise<number | undefined>;

export type JobHandlers = { [K in JobKind]: JobHandler<K> };

/** Whether a job's truth (its group, its meetup) still wants it; the due-queue is derived from that. */
export type JobIsLive = (job: Job) => Promise<boolean>;

/** The jobs a guild's settings and meetups want now; undefined when the guild has neither any more. */
export type GuildPlanner = (guildId: string, nowMs: number) => Promise<PlannedJob[] | undefined>;

export interface SchedulerOptions {
  /** How long a claimed job is ours; a dead instance's jobs are claimed again after it. */
  leaseMs?: number;
  batch?: number;
  /** Jobs run at once by one instance; the REST client paces the posts within Discord's limits. */
  concurrency?: number;
  /** A failed run is tried again this much later (handlers apply their own catch-up rules). */
  retryMs?: number;
  /** How long a job must stay an orphan before reconcile drops it: writes in flight settle first. */
  orphanSettleMs?: number;
  /** Enables reconcile: whether a queued job's group or meetup still wants it */
  isLive?: JobIsLive;
  /** Enables healing: the jobs a guild's truth wants, so reconcile can put back lost ones */
  plan?: GuildPlanner;
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
  private readonly orphanSettleMs: number;
  private readonly isLive?: JobIsLive;
  private readonly plan?: GuildPlanner;
  private discovered = false;
  private readonly metrics?: Metrics;
  /** Unknown job ids already logged, so a newer replica's job is reported once, not every minute. */
  private readonly reportedUnknown = new Set<string>();
  private minutes = 0;

  constructor(
    private readonly store: ScheduleStore,
    private readonly handlers: JobHandlers,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: SchedulerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 120_000;
    this.batch = options.batch ?? 200;
    this.concurrency = options.concurrency ?? 10;
    this.retryMs = options.retryMs ?? 60_000;
    this.orphanSettleMs = options.orphanSettleMs ?? 5_000;
    this.metrics = options.metrics;
    this.isLive = options.isLive;
    this.plan = options.plan;
  }

  /** Ticks every minute (and once now); every 10 minutes it also reconciles the queue. */
  start(): void {
    this.task = cron.schedule('* * * * *', () => {
      void this.tick();
      if (++this.minutes % 10 === 0) void this.reconcile().catch((err: unknown) => this.log.warn({ err }, 'reconcile failed; the next one tries again'));
    });
    void this.tick();
  }

  /**
   * Makes the queue match the truth (settings and meetups): puts back jobs it lost and drops jobs
   * nothing wants any more. Runs at start and every ten minutes.
   */
  async reconcile(): Promise<{ added: number; dropped: number }> {
    const added = await this.heal();
    const dropped = await this.dropOrphans();
    if (added || dropped) this.log.info({ added, dropped }, 'reconcile repaired the schedule');
    return { added, dropped };
  }

  /**
   * Puts back jobs that settings or meetups want but the queue lost (a deleted key, a write cut
   * short): for every guild in the schedule's index, what its truth plans is queued unless queued or
   * running already (ZADD NX, safe with any number of replicas). The first run also scans the
   * keyspace for guilds, in case the index itself was lost.
   */
  private async heal(): Promise<number> {
    if (!this.plan) return 0;
    if (!this.discovered) {
      for await (const ids of this.store.discoverGuilds()) await this.store.noteGuilds(ids);
      this.discovered = true;
    }
    let added = 0;
    for await (const guilds of this.store.guilds()) {
      for (const guildId of guilds) {
        const planned = await this.plan(guildId, this.clock.now());
        if (planned === undefined) await this.store.forgetGuild(guildId);
        else added += await this.store.scheduleMissing(planned);
      }
    }
    return added;
  }

  /**
   * Drops queued jobs whose group or meetup no longer wants them (left by a write cut short between
   * its two calls, see groups/ and meetups/). A job must be an orphan on two looks `orphanSettleMs`
   * apart, so a change still being written is never taken for one.
   */
  private async dropOrphans(): Promise<number> {
    if (!this.isLive) return 0;
    const isLive = this.isLive;
    const orphans: ClaimedJob[] = [];
    for await (const page of this.store.queued()) {
      for (const queued of page) {
        const job = parseJobId(queued.jobId);
        if (job && !(await isLive(job))) orphans.push(queued);
      }
    }
    if (!orphans.length) return 0;
    await new Promise((resolve) => setTimeout(resolve, this.orphanSettleMs).unref());
    let dropped = 0;
    for (const queued of orphans) if (!(await isLive(parseJobId(queued.jobId)!)) && (await this.store.dropIfDue(queued))) dropped++;
    return dropped;
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
    const job = parseJobId(jobId);
    const nowMs = this.clock.now();
    if (!job) {
      // A kind this version cannot run (a newer replica's, during a rolling deploy): leave it leased.
      // When the lease ends it is due again, for whichever replica claims it next; never deleted.
      if (!this.reportedUnknown.has(jobId) && this.reportedUnknown.size < 10_000) {
        this.reportedUnknown.add(jobId);
        this.log.warn({ jobId }, 'job of an unknown kind left in the queue for a replica that knows it');
      }
      this.metrics?.posts.inc({ kind: 'unknown', outcome: 'left' });
      return;
    }
    const started = performance.now();
    this.running.add(jobId);
    let next: number | undefined;
    let outcome = 'ok';
    try {
      next = await (this.handlers[job.kind] as JobHandler)(job, { id: jobId, dueMs, nowMs });
    } catch (error) {
      outcome = 'retry';
      next = nowMs + this.retryMs;
      this.log.warn({ jobId, err: error }, 'job failed; trying again later');
    } finally {
      this.running.delete(jobId);
    }
    const held = await this.store.finish(jobId, next);
    this.metrics?.posts.inc({ kind: job.kind, outcome });
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
