import { PermissionFlagsBits } from 'discord.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock, HOUR } from '../support/fake-clock.js';
import { CHANNEL, GUILD, World } from '../support/world.js';
import { pointsOf } from '../support/roadmap.js';

const CLOSED_CHANNEL = '300000000000000002';
const clock = new FakeClock(Date.parse('2026-11-23T10:00:00Z')); // Monday, 11:00 in Berlin
let world: World;
const admin = () => world.admin('400000000000000500');
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

beforeAll(async () => {
  world = await World.start('study-group', {
    clock,
    ticker: false,
    guilds: [{ id: GUILD, channelIds: [CHANNEL, CLOSED_CHANNEL], deniedToBot: { [CLOSED_CHANNEL]: PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks } }],
  });
  world.standin.clock = clock; // Discord's "now" is this world's 2026-11-23 too (events must start in the future)
});
afterAll(async () => world?.stop());
beforeEach(() => {
  clock.set('2026-11-23T10:00:00Z');
  world.standin.reset();
});

const setup = (options: Record<string, string> = {}) => admin().run('studygroup', { subcommand: 'setup', channel: CHANNEL, time: '09:00', timezone: 'Europe/Berlin', ...options }).reply();

describe('/studygroup', () => {
  it('setup names the channel and shows the next post as a Discord timestamp, then the prompt arrives at that minute', async () => {
    const reply = await setup();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(`<#${CHANNEL}>`);
    expect(reply.embeds[0]!.title).not.toMatch(/<#\d+>/); // Discord does not render mentions in titles
    const next = Math.floor(berlin('2026-11-24T09:00') / 1000);
    expect(reply.embeds[0]!.fields!.find((f) => f.name === 'Next post')!.value).toBe(`<t:${next}:F> (<t:${next}:R>)`);

    clock.set(new Date(berlin('2026-11-24T08:59')).toISOString());
    await world.tick();
    expect(world.standin.channelMessages(CHANNEL)).toHaveLength(0);
    clock.set(new Date(berlin('2026-11-24T09:00')).toISOString());
    await world.tick();
    const [prompt] = world.standin.channelMessages(CHANNEL);
    expect(prompt!.body.embeds[0].author.name).toContain("Today's topic");
    expect(prompt!.body.embeds[0].fields[0].name).toBe('💬 Discuss');
    expect(world.standin.calls.some((c) => c.path === `/channels/${CHANNEL}/messages/${prompt!.id}/threads`)).toBe(true);
  });

  it('show reports a 403 pause and its reason to the admin', async () => {
    await setup();
    const stop = world.standin.respondWith((c) => (c.path === `/channels/${CHANNEL}/messages` ? { status: 403, body: { message: 'Missing Permissions', code: 50013 } } : undefined));
    try {
      clock.set(new Date(berlin('2026-11-24T09:00')).toISOString());
      await world.tick();
    } finally {
      stop();
    }
    const show = await admin().run('studygroup', { subcommand: 'show' }).reply();
    const status = show.embeds[0]!.fields!.find((f) => f.name === 'Status')!.value;
    expect(status).toContain('Paused');
    expect(status).toContain('Missing Permissions');
    const resumed = await admin().run('studygroup', { subcommand: 'resume' }).reply();
    expect(resumed.embeds[0]!.fields!.find((f) => f.name === 'Status')!.value).toBe('Running');
  });

  it.each([
    [{ time: '25:99' }, 'is not a time of day'],
    [{ timezone: 'Mars/Olympus' }, 'is not a time zone I know'],
    [{ channel: CLOSED_CHANNEL }, 'missing **Send Messages**, **Embed Links**'],
  ])('refuses %o with an ephemeral answer and stores nothing', async (options, message) => {
    const fresh = await World.start('study-group-bad', { clock, ticker: false, guilds: [{ id: GUILD, channelIds: [CHANNEL, CLOSED_CHANNEL], deniedToBot: { [CLOSED_CHANNEL]: PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks } }] });
    try {
      const reply = await fresh.admin('400000000000000500').run('studygroup', { subcommand: 'setup', channel: CHANNEL, time: '09:00', timezone: 'Europe/Berlin', ...options }).reply();
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toContain(message);
      const show = await fresh.admin('400000000000000500').run('studygroup', { subcommand: 'show' }).reply();
      expect(show.content).toContain('no study group yet');
    } finally {
      await fresh.stop();
    }
  });

  it('refuses a member without Manage Server', async () => {
    const reply = await world.member('400000000000000501').run('studygroup', { subcommand: 'pause' }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('Manage Server');
  });

  it('offers time zones by autocomplete', async () => {
    const choices = await admin().autocomplete('studygroup', 'timezone', 'berl', 'setup').choices();
    expect(choices.map((c) => c.value)).toContain('Europe/Berlin');
  });

  it('counts streaks and boards in the group’s zone once set up', async () => {
    await setup({ timezone: 'Pacific/Kiritimati' }); // UTC+14: Monday 10:00 UTC is Tuesday there
    const member = world.member('400000000000000502');
    await member.run('done', { topic: 'how-the-internet-works' }).messages(1);
    const board = await member.run('leaderboard').reply();
    expect(board.embeds[0]!.footer!.text).toBe('2026-W48');
    clock.set('2026-11-29T10:00:00Z'); // Sunday UTC, Monday in Kiritimati: a new week there
    const next = await member.run('leaderboard').reply();
    expect(next.embeds[0]!.footer!.text).toBe('2026-W49');
  });
});

describe('/meetup', () => {
  it('create shows the start as timestamps, and RSVP’d members alone are pinged at 24 h, 1 h and the start', async () => {
    await setup();
    const [announcement, note] = await admin().run('meetup', { subcommand: 'create', title: 'SQL study night', when: '2026-11-26 18:00' }).messages(2);
    const start = Math.floor(berlin('2026-11-26T18:00') / 1000);
    expect(announcement!.ephemeral).toBe(false);
    expect(announcement!.content).toContain(`<t:${start}:F>`);
    expect(announcement!.content).toContain(`<t:${start}:R>`);
    expect(note!.content).toContain('24h before, 1h before and at the start');
    expect(note!.content).toContain('created a Discord event');
    expect(world.standin.calls.some((c) => c.method === 'POST' && c.path === `/guilds/${GUILD}/scheduled-events`)).toBe(true);

    const rsvpId = announcement!.components[0]!.components[0]!.custom_id!;
    const going = await world.member('400000000000000503').press(rsvpId).reply();
    expect(going.content).toContain("You're coming to **SQL study night** (1 going)");

    for (const [at, text] of [
      ['2026-11-25T18:00', 'starts <t:'],
      ['2026-11-26T17:00', 'starts <t:'],
      ['2026-11-26T18:00', 'is starting now'],
    ] as const) {
      clock.set(new Date(berlin(at)).toISOString());
      await world.tick();
      const reminder = world.standin.channelMessages(CHANNEL).at(-1)!;
      expect(reminder.body.content).toContain(text);
      expect(reminder.body.content).toContain('<@400000000000000503>');
      expect(reminder.body.allowed_mentions).toEqual({ parse: [], users: ['400000000000000503'] });
    }
    expect(world.standin.channelMessages(CHANNEL)).toHaveLength(3);
  });

  it('never sends a reminder after the start (the bot was down)', async () => {
    await setup();
    await admin().run('meetup', { subcommand: 'create', title: 'Late one', when: '2026-11-23 14:00' }).messages(2);
    clock.set(new Date(berlin('2026-11-23T15:00')).toISOString()); // missed both the 1 h and the start
    await world.tick();
    expect(world.standin.channelMessages(CHANNEL).filter((m) => m.body.content?.includes('Late one'))).toHaveLength(0);
  });

  it('cancel drops the reminders; list shows what is coming', async () => {
    await setup();
    const [announcement] = await admin().run('meetup', { subcommand: 'create', title: 'Cancelled', when: 'tomorrow 18:00' }).messages(2);
    const meetupId = announcement!.components[0]!.components[0]!.custom_id!.split(':')[2]!;
    expect((await world.member('400000000000000504').run('meetup', { subcommand: 'list' }).reply()).content).toContain('**Cancelled**');
    const choices = await admin().autocomplete('meetup', 'meetup', 'canc', 'cancel').choices();
    expect(choices.map((c) => c.value)).toContain(meetupId);
    expect((await admin().run('meetup', { subcommand: 'cancel', meetup: meetupId }).reply()).content).toContain('Cancelled **Cancelled**');
    clock.advance(48 * HOUR);
    await world.tick();
    expect(world.standin.channelMessages(CHANNEL).filter((m) => m.body.content?.includes('Cancelled'))).toHaveLength(0);
  });

  it.each([
    [{ when: '2026-11-01 18:00' }, 'in the past'],
    [{ when: 'whenever' }, 'could not read'],
    [{ title: 'Party @everyone' }, 'may not mention anyone'],
    [{ title: 'x'.repeat(101) }, '1 to 100 characters'],
  ])('refuses %o with an ephemeral answer and stores nothing', async (options, message) => {
    await setup();
    const reply = await admin().run('meetup', { subcommand: 'create', title: 'Fine', when: 'tomorrow 18:00', ...options }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(message);
  });

  it('says it could create a Discord event when it lacks Manage Events', async () => {
    const plain = await World.start('study-group-noevents', { clock, ticker: false, guilds: [{ id: GUILD, channelIds: [CHANNEL], botPermissions: 2147552256n | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.CreatePublicThreads }] });
    try {
      await plain.admin('400000000000000500').run('studygroup', { subcommand: 'setup', channel: CHANNEL, time: '09:00', timezone: 'Europe/Berlin' }).reply();
      const [, note] = await plain.admin('400000000000000500').run('meetup', { subcommand: 'create', title: 'No event', when: 'tomorrow 18:00' }).messages(2);
      expect(note!.content).toContain('Manage Events');
    } finally {
      await plain.stop();
    }
  });
});

describe('weekly recap', () => {
  it('posts the week’s top members and topics finished on Sunday evening', async () => {
    const own = await World.start('study-group-recap', { clock, ticker: false });
    try {
      await own.admin('400000000000000500').run('studygroup', { subcommand: 'setup', channel: CHANNEL, time: '09:00', timezone: 'Europe/Berlin' }).reply();
      const member = own.member('400000000000000505');
      await member.run('done', { topic: 'how-the-internet-works' }).messages(1);
      await member.run('done', { topic: 'http-basics' }).messages(1);
      clock.set(new Date(berlin('2026-11-29T20:00')).toISOString());
      await own.tick();
      const recap = own.standin.channelMessages(CHANNEL).find((m) => m.body.embeds?.[0]?.title?.includes('in review'))!;
      expect(recap.body.embeds[0].title).toBe('📊 Week 2026-W48 in review');
      expect(recap.body.embeds[0].description).toContain('finished **2** topics');
      expect(recap.body.embeds[0].description).toContain(`<@400000000000000505> — ${pointsOf('how-the-internet-works', 'http-basics')} points`);
      expect(recap.body.allowed_mentions).toEqual({ parse: [] });
    } finally {
      await own.stop();
    }
  });
});
