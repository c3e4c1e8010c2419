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

/** A claim lasts 20 s unless renewed; with a tick every 10 s, a dead instance's jobs move within 30 s. */
export const DEFAULT_LEASE_MS = 20_000;
export const TICK_EVERY_MS = 10_000;

export interface SchedulerOptions {
  /**
   * How long a claim lasts unless renewed. Leases of held jobs are renewed every `renewEveryMs`, so a
   * live instance keeps its jobs however slow a post is, and a dead one's are claimed again soon.
   */
  leaseMs?: number;
  renewEveryMs?: number;
  /** How often the ticker claims due jobs (a cron expression with seconds). */
  tickCron?: string;
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
  /** Jobs this instance claimed and has not finished: their leases are renewed, and handed back on stop. */
  private readonly held = new Set<string>();
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
  private ticks = 0;
  private renewTimer?: NodeJS.Timeout;
  private readonly renewEveryMs: number;
  private readonly tickCron: string;

  constructor(
    private readonly store: ScheduleStore,
    private readonly handlers: JobHandlers,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: SchedulerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.renewEveryMs = options.renewEveryMs ?? 5_000;
    this.tickCron = options.tickCron ?? '*/10 * * * * *';
    this.batch = options.batch ?? 200;
    this.concurrency = options.concurrency ?? 10;
    this.retryMs = options.retryMs ?? 60_000;
    this.orphanSettleMs = options.orphanSettleMs ?? 5_000;
    this.metrics = options.metrics;
    this.isLive = options.isLive;
    this.plan = options.plan;
  }

  /**
   * Ticks every 10 seconds (and once now), renews the leases of held jobs every 5 seconds, and
   * reconciles the queue every 10 minutes. With a 20-second lease, the jobs of an instance that died
   * are taken over within 30 seconds.
   */
  start(): void {
    this.task = cron.schedule(this.tickCron, () => {
      void this.tick();
      if (++this.ticks % 60 === 0) void this.reconcile().catch((err: unknown) => this.log.warn({ err }, 'reconcile failed; the next one tries again'));
    });
    this.renewTimer = setInterval(() => void this.renewLeases(), this.renewEveryMs).unref();
    void this.tick();
  }

  /** Extends the lease of every job this instance holds (one call); a lease it lost stays lost. */
  async renewLeases(): Promise<void> {
    if (!this.held.size) return;
    await this.store.renew([...this.held], this.clock.now() + this.leaseMs).catch((err: unknown) => this.log.warn({ err }, 'lease renewal failed; the next one tries again'));
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
    clearInterval(this.renewTimer);
    if (this.ticking) await Promise.race([this.ticking.catch(() => 0), new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
    await this.store.release([...this.held], this.clock.now()).catch(() => undefined);
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
        for (const job of jobs) this.held.add(job.jobId);
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
      this.held.delete(jobId); // not renewed: when the lease ends, the job is due for others again
      return;
    }
    const started = performance.now();
    let next: number | undefined;
    let outcome = 'ok';
    try {
      next = await (this.handlers[job.kind] as JobHandler)(job, { id: jobId, dueMs, nowMs });
    } catch (error) {
      outcome = 'retry';
      next = nowMs + this.retryMs;
      this.log.warn({ jobId, err: error }, 'job failed; trying again later');
    }
    const held = await this.store.finish(jobId, next).finally(() => this.held.delete(jobId));
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
