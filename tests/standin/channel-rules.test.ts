import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PERMISSION, INVITE_PERMISSIONS, type DiscordStandin } from '../../standin/discord-standin.js';
import { api, CHANNEL, expectFormError, GUILD, startStandin, TestClock } from './rest.js';

const HIDDEN = '300000000000000002';
const READ_ONLY = '300000000000000003';
const NO_EMBEDS = '300000000000000004';
const NO_HISTORY = '300000000000000005';
const OTHER_GUILD = '200000000000000002';
const OTHER_CHANNEL = '300000000000000010';

const clock = new TestClock();
let standin: DiscordStandin;
beforeAll(async () => {
  standin = await startStandin({ clock }, [
    {
      id: GUILD,
      channelIds: [CHANNEL, HIDDEN, READ_ONLY, NO_EMBEDS, NO_HISTORY],
      deniedToBot: { [HIDDEN]: PERMISSION.viewChannel, [READ_ONLY]: PERMISSION.sendMessages, [NO_EMBEDS]: PERMISSION.embedLinks | PERMISSION.createPublicThreads, [NO_HISTORY]: PERMISSION.readMessageHistory },
    },
    // A server where the bot was invited without Manage Events.
    { id: OTHER_GUILD, channelIds: [OTHER_CHANNEL], botPermissions: INVITE_PERMISSIONS & ~PERMISSION.manageEvents },
  ]);
});
afterAll(async () => standin?.stop());
beforeEach(() => {
  clock.ms = Date.now();
  standin.reset();
});

const MISSING_PERMISSIONS = { status: 403, body: { code: 50013, message: 'Missing Permissions' } };
const MISSING_ACCESS = { status: 403, body: { code: 50001, message: 'Missing Access' } };
const invalid = (...fields: string[]) => ({ status: 400, code: 50035, fields });
const post = (channel: string, body: object) => api(standin, 'POST', `/channels/${channel}/messages`, body);

describe('permissions in a channel', () => {
  it('refuses a post where the bot cannot see the channel with 50001 Missing Access', async () => {
    expect(await post(HIDDEN, { content: 'hi' })).toEqual(MISSING_ACCESS);
  });

  it('refuses a post where the bot may not send with 50013 Missing Permissions', async () => {
    expect(await post(READ_ONLY, { content: 'hi' })).toEqual(MISSING_PERMISSIONS);
  });

  it('refuses an embed without Embed Links, and takes plain text there', async () => {
    expect(await post(NO_EMBEDS, { embeds: [{ title: 'card' }] })).toEqual(MISSING_PERMISSIONS);
    expect((await post(NO_EMBEDS, { content: 'plain' })).status).toBe(200);
  });

  it('refuses a thread without Create Public Threads', async () => {
    const message = await post(NO_EMBEDS, { content: 'plain' });
    expect(await api(standin, 'POST', `/channels/${NO_EMBEDS}/messages/${message.body.id}/threads`, { name: 'talk' })).toEqual(MISSING_PERMISSIONS);
  });

  it('refuses a scheduled event without Manage Events', async () => {
    const event = { name: 'Meetup', privacy_level: 2, entity_type: 3, entity_metadata: { location: 'study' }, scheduled_start_time: new Date(clock.now() + 3_600_000).toISOString(), scheduled_end_time: new Date(clock.now() + 7_200_000).toISOString() };
    expect(await api(standin, 'POST', `/guilds/${OTHER_GUILD}/scheduled-events`, event)).toEqual(MISSING_PERMISSIONS);
  });

  it('reads recent messages newest first, and none without Read Message History', async () => {
    await post(CHANNEL, { content: 'one' });
    await post(CHANNEL, { content: 'two' });
    expect((await api(standin, 'GET', `/channels/${CHANNEL}/messages?limit=50`)).body.map((m: { content: string }) => m.content)).toEqual(['two', 'one']);
    await post(NO_HISTORY, { content: 'hidden history' });
    expect(await api(standin, 'GET', `/channels/${NO_HISTORY}/messages`)).toEqual({ status: 200, body: [] });
  });

  it('the guild the bot receives carries the same overwrites', async () => {
    const { guildPayload } = await import('../../standin/discord-standin.js');
    const hidden = guildPayload({ id: GUILD, channelIds: [HIDDEN], deniedToBot: { [HIDDEN]: PERMISSION.viewChannel } }).channels[0]!;
    expect(hidden.permission_overwrites).toEqual([{ id: '900000000000000001', type: 1, allow: '0', deny: String(PERMISSION.viewChannel) }]);
  });
});

describe('threads', () => {
  const thread = (messageId: string, name: unknown) => api(standin, 'POST', `/channels/${CHANNEL}/messages/${messageId}/threads`, { name, auto_archive_duration: 1440 });

  it('starts one thread per message and refuses a second with 160004', async () => {
    const message = await post(CHANNEL, { content: 'prompt' });
    expect((await thread(message.body.id, 'Discussion')).status).toBe(201);
    expect(await thread(message.body.id, 'Again')).toEqual({ status: 400, body: { code: 160004, message: 'A thread has already been created for this message' } });
  });

  it('refuses a thread name that is empty or over 100 characters', async () => {
    const message = await post(CHANNEL, { content: 'prompt' });
    expect(expectFormError(await thread(message.body.id, ''))).toEqual(invalid('name[BASE_TYPE_BAD_LENGTH]'));
    expect(expectFormError(await thread(message.body.id, 'n'.repeat(101)))).toEqual(invalid('name[BASE_TYPE_BAD_LENGTH]'));
    expect((await thread(message.body.id, 'n'.repeat(100))).status).toBe(201);
  });
});

describe('scheduled events', () => {
  const hour = 3_600_000;
  const event = (extra: object = {}) => ({
    name: 'SQL study night',
    privacy_level: 2,
    entity_type: 3,
    entity_metadata: { location: 'study' },
    scheduled_start_time: new Date(clock.now() + hour).toISOString(),
    scheduled_end_time: new Date(clock.now() + 2 * hour).toISOString(),
    description: 'Bring questions',
    ...extra,
  });
  const create = (body: object) => api(standin, 'POST', `/guilds/${GUILD}/scheduled-events`, body);

  it('creates an external event with a location and an end time', async () => {
    expect((await create(event())).status).toBe(200);
  });

  it.each([
    ['an empty name', { name: '' }, 'name[BASE_TYPE_BAD_LENGTH]'],
    ['a name over 100 characters', { name: 'n'.repeat(101) }, 'name[BASE_TYPE_BAD_LENGTH]'],
    ['a description over 1,000 characters', { description: 'd'.repeat(1001) }, 'description[BASE_TYPE_BAD_LENGTH]'],
    ['an external event without a location', { entity_metadata: {} }, 'entity_metadata.location[BASE_TYPE_REQUIRED]'],
    ['an external event without an end time', { scheduled_end_time: undefined }, 'scheduled_end_time[BASE_TYPE_REQUIRED]'],
  ])('refuses %s', async (_what, extra, field) => {
    expect(expectFormError(await create(event(extra)))).toEqual(invalid(field));
  });

  it('refuses a start in the past by the stand-in’s clock', async () => {
    const body = event();
    clock.advance(2 * hour);
    expect(expectFormError(await create(body))).toEqual(invalid('scheduled_start_time[GUILD_SCHEDULED_EVENT_SCHEDULE_PAST]'));
  });

  it('refuses an end before the start', async () => {
    expect(expectFormError(await create(event({ scheduled_end_time: new Date(clock.now() + hour / 2).toISOString() })))).toEqual(invalid('scheduled_end_time[GUILD_SCHEDULED_EVENT_END_BEFORE_START]'));
  });

  it('deletes an event it created, and answers 10070 for one it does not know', async () => {
    const created = await create(event());
    expect((await api(standin, 'DELETE', `/guilds/${GUILD}/scheduled-events/${created.body.id}`)).status).toBe(204);
    expect(await api(standin, 'DELETE', `/guilds/${GUILD}/scheduled-events/${created.body.id}`)).toEqual({ status: 404, body: { code: 10070, message: 'Unknown Guild Scheduled Event' } });
  });
});

describe('nonce de-duplication', () => {
  const send = (content: string, enforce = true) => post(CHANNEL, { content, nonce: 'daily-2026-11-24', enforce_nonce: enforce });

  it('returns the first message for the same nonce within the window', async () => {
    const first = await send('first');
    clock.advance(60_000);
    const again = await send('again');
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.content).toBe('first');
    expect(standin.channelMessages(CHANNEL)).toHaveLength(1);
  });

  it('forgets the nonce after the window (2 minutes by default): the same nonce posts again', async () => {
    const first = await send('first');
    clock.advance(2 * 60_000 + 1);
    const later = await send('later');
    expect(later.body.id).not.toBe(first.body.id);
    expect(standin.channelMessages(CHANNEL).map((m) => m.body.content)).toEqual(['first', 'later']);
  });

  it('takes the window from the options', async () => {
    const short = await startStandin({ nonceWindowMs: 50 });
    try {
      const body = { content: 'x', nonce: 'n1', enforce_nonce: true };
      const first = await api(short, 'POST', `/channels/${CHANNEL}/messages`, body);
      expect((await api(short, 'POST', `/channels/${CHANNEL}/messages`, body)).body.id).toBe(first.body.id);
      await new Promise((r) => setTimeout(r, 80));
      expect((await api(short, 'POST', `/channels/${CHANNEL}/messages`, body)).body.id).not.toBe(first.body.id);
    } finally {
      await short.stop();
    }
  });

  it('does not de-duplicate without enforce_nonce', async () => {
    await send('one', false);
    await send('two', false);
    expect(standin.channelMessages(CHANNEL)).toHaveLength(2);
  });

  it('a replayed message that started a thread carries it', async () => {
    const first = await send('prompt');
    await api(standin, 'POST', `/channels/${CHANNEL}/messages/${first.body.id}/threads`, { name: 'Discussion' });
    expect((await send('prompt')).body.thread).toMatchObject({ type: 11, parent_id: CHANNEL });
  });
});
