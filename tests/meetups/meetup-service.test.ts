import { describe, expect, it } from 'vitest';
import { meetupJob } from '../../src/scheduler/job.js';
import { crashWorld } from '../support/crash.js';

const GUILD = '100000000000000002';
const CHANNEL = '200000000000000002';
const START = Date.parse('2026-11-26T17:30:00Z'); // three days after the fake clock's Monday
type World = Awaited<ReturnType<typeof crashWorld>>;

/** Creates (or cancels) a meetup with Redis killed before call `killAt`, restarts it and reconciles. */
async function crashDuring(killAt: number, cancel: boolean) {
  const w = await crashWorld(Number.POSITIVE_INFINITY);
  let id = '';
  const create = async (world: World) => (id = (await world.meetups.create(GUILD, { title: 'SQL night', when: '2026-11-26 17:30', channelId: CHANNEL, createdBy: '1' })).meetup.id);
  if (cancel) await create(w);
  const { outcome, calls } = await w.crashDuring(killAt, () => (cancel ? w.meetups.cancel(GUILD, id) : create(w)));
  const meetups = await w.redis.keys(`${w.keys.prefix}:*meetup:*`);
  const queued: string[] = [];
  for await (const page of w.stores.schedule.queued()) queued.push(...page.map((j) => j.jobId));
  const reminders = id ? await Promise.all((['24h', '1h', 'start'] as const).map((stage) => w.stores.schedule.dueAt(meetupJob(GUILD, id, stage)))) : [];
  const meetup = id ? await w.stores.meetups.get(GUILD, id) : undefined;
  await w.close();
  return { outcome, calls, meetup, meetups, queued, reminders };
}

async function everyCrashPoint(cancel: boolean, check: (state: Awaited<ReturnType<typeof crashDuring>>) => void) {
  const clean = await crashDuring(Number.POSITIVE_INFINITY, cancel);
  expect(clean.outcome).toBe('done');
  for (let killAt = 0; killAt <= clean.calls; killAt++) check(await crashDuring(killAt, cancel));
}

const ALL_REMINDERS = [START - 24 * 3_600_000, START - 3_600_000, START];

describe('a crash between the calls of a meetup change', () => {
  it('create leaves the meetup with its three reminders, or no meetup and no reminder', async () => {
    await everyCrashPoint(false, ({ meetup, meetups, queued, reminders, outcome }) => {
      if (meetup) {
        expect(meetup.startMs).toBe(START);
        expect(reminders).toEqual(ALL_REMINDERS);
      } else {
        expect(outcome).toBe('failed');
        expect(meetups).toEqual([]);
        expect(queued).toEqual([]);
      }
    });
  }, 60_000);

  it('cancel leaves no meetup and no reminder, or the meetup with all three', async () => {
    await everyCrashPoint(true, ({ meetup, meetups, queued, reminders }) => {
      if (meetup) expect(reminders).toEqual(ALL_REMINDERS);
      else {
        expect(meetups).toEqual([]);
        expect(queued).toEqual([]);
      }
    });
  }, 60_000);
});

describe('RSVPs', () => {
  it('toggle in one step: a member pressing twice at once ends where they started, never counted twice', async () => {
    const w = await crashWorld(Number.POSITIVE_INFINITY);
    try {
      const { meetup } = await w.meetups.create(GUILD, { title: 'SQL night', when: '2026-11-26 17:30', channelId: CHANNEL, createdBy: '1' });
      const presses = await Promise.all(Array.from({ length: 6 }, () => w.meetups.rsvp(GUILD, meetup.id, '42')));
      expect(presses.map((p) => p.going).filter(Boolean)).toHaveLength(3);
      expect(await w.stores.meetups.attendees(GUILD, meetup.id)).toEqual([]);
      expect((await w.meetups.rsvp(GUILD, meetup.id, '42')).count).toBe(1);
    } finally {
      await w.close();
    }
  });

  it('refuse a meetup cancelled in the meantime, leaving nothing behind', async () => {
    const w = await crashWorld(Number.POSITIVE_INFINITY);
    try {
      const { meetup } = await w.meetups.create(GUILD, { title: 'SQL night', when: '2026-11-26 17:30', channelId: CHANNEL, createdBy: '1' });
      await w.stores.meetups.delete(GUILD, meetup.id);
      expect(await w.stores.meetups.toggleRsvp(GUILD, meetup.id, '42')).toBeUndefined();
      expect(await w.stores.meetups.setEventId(GUILD, meetup.id, '999')).toBe(false);
      expect(await w.redis.keys(`${w.keys.prefix}:*meetup:*`)).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
