import { describe, expect, it } from 'vitest';
import { dailyJob, recapJob } from '../../src/scheduler/job.js';
import { crashWorld } from '../support/crash.js';

const GUILD = '100000000000000001';
const SETUP = { channelId: '200000000000000001', time: '09:00', timezone: 'Europe/Berlin' };
const NINE_BERLIN = Date.parse('2026-11-24T08:00:00Z');

type World = Awaited<ReturnType<typeof crashWorld>>;

/** Runs `change` with Redis killed before its call `killAt`, brings Redis back and reconciles. */
async function crashDuring(killAt: number, prepare: (w: World) => Promise<void>, change: (w: World) => Promise<unknown>) {
  const w = await crashWorld(Number.POSITIVE_INFINITY);
  await prepare(w);
  const { outcome, calls } = await w.crashDuring(killAt, () => change(w));
  const group = await w.stores.groups.get(GUILD);
  const jobs = { daily: await w.stores.schedule.dueAt(dailyJob(GUILD)), recap: await w.stores.schedule.dueAt(recapJob(GUILD)) };
  await w.close();
  return { outcome, calls, group, jobs };
}

/** Kills Redis before each call of the change in turn (and once after the last), checking the state each time. */
async function everyCrashPoint(prepare: (w: World) => Promise<void>, change: (w: World) => Promise<unknown>, check: (state: Awaited<ReturnType<typeof crashDuring>>) => void) {
  const clean = await crashDuring(Number.POSITIVE_INFINITY, prepare, change);
  expect(clean.outcome).toBe('done');
  expect(clean.calls).toBeGreaterThan(1);
  for (let killAt = 0; killAt <= clean.calls; killAt++) check(await crashDuring(killAt, prepare, change));
}

describe('a crash between the calls of a study-group change', () => {
  it('setup leaves the group with both its jobs, or no group and no job', async () => {
    await everyCrashPoint(
      async () => {},
      (w) => w.groups.setup(GUILD, SETUP),
      ({ group, jobs }) => {
        if (group) expect(jobs).toEqual({ daily: NINE_BERLIN, recap: expect.any(Number) });
        else expect(jobs).toEqual({ daily: undefined, recap: undefined });
      },
    );
  }, 60_000);

  it('pause leaves the group paused with no jobs, or running with both', async () => {
    await everyCrashPoint(
      async (w) => void (await w.groups.setup(GUILD, SETUP)),
      (w) => w.groups.pause(GUILD),
      ({ group, jobs }) => {
        if (group!.paused) expect(jobs).toEqual({ daily: undefined, recap: undefined });
        else expect(jobs).toEqual({ daily: NINE_BERLIN, recap: expect.any(Number) });
      },
    );
  }, 60_000);

  it('resume leaves the group running with both jobs, or paused with none', async () => {
    await everyCrashPoint(
      async (w) => {
        await w.groups.setup(GUILD, SETUP);
        await w.groups.pause(GUILD);
      },
      (w) => w.groups.resume(GUILD),
      ({ group, jobs }) => {
        if (group!.paused) expect(jobs).toEqual({ daily: undefined, recap: undefined });
        else expect(jobs).toEqual({ daily: NINE_BERLIN, recap: expect.any(Number) });
      },
    );
  }, 60_000);
});
