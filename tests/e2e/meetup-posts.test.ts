import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock.js';
import { CHANNEL, GUILD, World } from '../support/world.js';

const clock = new FakeClock(Date.parse('2026-11-23T10:00:00Z')); // Monday, 11:00 in Berlin
let world: World;
const admin = () => world.admin('400000000000000600');
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

beforeAll(async () => {
  world = await World.start('meetup-posts', { clock, ticker: false });
  world.standin.clock = clock;
});
afterAll(async () => world?.stop());
beforeEach(async () => {
  clock.set('2026-11-23T10:00:00Z');
  world.standin.reset();
  await admin().run('studygroup', { subcommand: 'setup', channel: CHANNEL, time: '09:00', timezone: 'Europe/Berlin' }).reply();
});

const create = (title: string, when: string) => admin().run('meetup', { subcommand: 'create', title, when }).messages(2);

describe('meetup posts', () => {
  it('show a member-written title as typed: no bold, no hidden link', async () => {
    const [announcement] = await create('**SQL** night [click](https://evil.example)', '2026-11-26 18:00');
    expect(announcement!.content).toContain('\\*\\*SQL\\*\\* night \\[click](https://evil.example)');
  });

  it('promise only the reminders actually planned for a meetup less than a day away', async () => {
    const [announcement, note] = await create('Soon', '2026-11-23 20:00');
    expect(announcement!.content).toContain('a reminder 1h before and at the start');
    expect(announcement!.content).not.toContain('24');
    expect(note!.content).toContain('Reminders planned: 1h before and at the start.');
  });

  it('mention every one of 120 members who are coming, across messages within Discord’s limits', async () => {
    const [announcement] = await create('Big night', '2026-11-26 18:00');
    const rsvp = announcement!.components[0]!.components[0]!.custom_id!;
    const coming = Array.from({ length: 120 }, (_, n) => String(400000000000010000n + BigInt(n)));
    for (const id of coming) await world.member(id).press(rsvp).reply();
    clock.set(new Date(berlin('2026-11-25T18:00')).toISOString()); // the 24 h reminder
    await world.tick();
    const posts = world.standin.channelMessages(CHANNEL).filter((m) => m.body.content?.includes('<@'));
    expect(posts.length).toBeGreaterThan(1);
    const mentioned = posts.flatMap((p) => [...(p.body.content as string).matchAll(/<@(\d+)>/g)].map((m) => m[1]));
    expect(mentioned.sort()).toEqual([...coming].sort());
    for (const post of posts) {
      expect((post.body.content as string).length).toBeLessThanOrEqual(2_000);
      const inText = [...(post.body.content as string).matchAll(/<@(\d+)>/g)].map((m) => m[1]);
      expect(post.body.allowed_mentions.users).toEqual(inText);
      expect(post.body.allowed_mentions.users.length).toBeLessThanOrEqual(100);
    }
  });

  it('cancel answers at once even when deleting the Discord event waits on a rate limit', async () => {
    const [announcement] = await create('Cancelled soon', '2026-11-26 18:00');
    const meetupId = announcement!.components[0]!.components[0]!.custom_id!.split(':')[2]!;
    world.standin.failNext((c) => c.method === 'DELETE' && c.path.startsWith(`/guilds/${GUILD}/scheduled-events/`), { status: 429, body: { message: 'You are being rate limited.', retry_after: 4, global: false } });
    const [reply] = await admin().run('meetup', { subcommand: 'cancel', meetup: meetupId }).messages(1, 10_000);
    expect(reply!.kind).toBe('reply');
    expect(reply!.content).toContain('Cancelled **Cancelled soon**');
    expect(reply!.ms).toBeLessThan(3_000);
  });
});
