import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DiscordStandin } from '../../standin/discord-standin.js';
import { api, expectFormError, interaction, startStandin, TestClock } from './rest.js';

const clock = new TestClock();
let standin: DiscordStandin;
beforeAll(async () => {
  standin = await startStandin({ clock });
});
afterAll(async () => standin?.stop());
beforeEach(() => {
  clock.ms = Date.now();
});

const reply = { type: 4, data: { content: 'hello' } };
const ALREADY = { status: 400, body: { code: 40060, message: 'Interaction has already been acknowledged.' } };
const UNKNOWN_INTERACTION = { status: 404, body: { code: 10062, message: 'Unknown interaction' } };
const UNKNOWN_WEBHOOK = { status: 404, body: { code: 10015, message: 'Unknown Webhook' } };
const UNKNOWN_MESSAGE = { status: 404, body: { code: 10008, message: 'Unknown Message' } };

describe('one answer per interaction', () => {
  it('takes the first answer and refuses a second with 40060', async () => {
    const i = interaction(standin);
    expect((await api(standin, 'POST', i.callback, reply)).status).toBe(204);
    expect(await api(standin, 'POST', i.callback, reply)).toEqual(ALREADY);
  });

  it('refuses an answer after a defer (a defer is the answer)', async () => {
    const i = interaction(standin);
    expect((await api(standin, 'POST', i.callback, { type: 5, data: { flags: 64 } })).status).toBe(204);
    expect(await api(standin, 'POST', i.callback, reply)).toEqual(ALREADY);
  });

  it('a duplicate delivery of the same interaction still takes one answer', async () => {
    const i = interaction(standin);
    standin.dispatchInteraction({ id: i.id, token: i.callback.split('/')[3], type: 2, guild_id: '200000000000000001', channel_id: '300000000000000001' });
    expect((await api(standin, 'POST', i.callback, reply)).status).toBe(204);
    expect(await api(standin, 'POST', i.callback, reply)).toEqual(ALREADY);
  });

  it('refuses a first answer more than 3 s after the interaction was sent with 404 10062', async () => {
    const i = interaction(standin);
    clock.advance(3_001);
    expect(await api(standin, 'POST', i.callback, reply)).toEqual(UNKNOWN_INTERACTION);
  });

  it('accepts a first answer just inside 3 s', async () => {
    const i = interaction(standin);
    clock.advance(2_900);
    expect((await api(standin, 'POST', i.callback, reply)).status).toBe(204);
  });

  it('refuses an answer to an interaction Discord never sent, or with the wrong token', async () => {
    expect(await api(standin, 'POST', '/interactions/123/nope/callback', reply)).toEqual(UNKNOWN_INTERACTION);
    const i = interaction(standin);
    expect(await api(standin, 'POST', `/interactions/${i.id}/other-token/callback`, reply)).toEqual(UNKNOWN_INTERACTION);
  });

  it('refuses an answer type the interaction cannot take (a message to an autocomplete)', async () => {
    const i = interaction(standin, 4);
    expect(expectFormError(await api(standin, 'POST', i.callback, reply))).toEqual({ status: 400, code: 50035, fields: ['type[INTERACTION_RESPONSE_TYPE_INVALID]'] });
  });
});

describe('follow-ups and edits', () => {
  it('refuses a follow-up before the first answer with 10015, and accepts it after', async () => {
    const i = interaction(standin);
    expect(await api(standin, 'POST', i.followup, { content: 'early' })).toEqual(UNKNOWN_WEBHOOK);
    await api(standin, 'POST', i.callback, reply);
    expect((await api(standin, 'POST', i.followup, { content: 'after' })).status).toBe(200);
  });

  it('refuses an edit of @original before the first answer with 10008, and accepts it after', async () => {
    const i = interaction(standin);
    expect(await api(standin, 'PATCH', i.original, { content: 'early' })).toEqual(UNKNOWN_MESSAGE);
    await api(standin, 'POST', i.callback, { type: 5 });
    expect((await api(standin, 'PATCH', i.original, { content: 'done' })).status).toBe(200);
  });

  it('takes @original escaped as discord.js sends it (%40original)', async () => {
    const i = interaction(standin);
    await api(standin, 'POST', i.callback, { type: 5 });
    expect((await api(standin, 'PATCH', i.original.replace('@', '%40'), { content: 'done' })).status).toBe(200);
  });

  it('edits a follow-up by its id, and no message the token did not send', async () => {
    const i = interaction(standin);
    await api(standin, 'POST', i.callback, reply);
    const followup = await api(standin, 'POST', i.followup, { content: 'one' });
    expect((await api(standin, 'PATCH', `${i.followup}/messages/${followup.body.id}`, { content: 'edited' })).status).toBe(200);
    expect(await api(standin, 'PATCH', `${i.followup}/messages/1234567890`, { content: 'edited' })).toEqual(UNKNOWN_MESSAGE);
  });

  it('an autocomplete result opens no message to follow up', async () => {
    const i = interaction(standin, 4);
    expect((await api(standin, 'POST', i.callback, { type: 8, data: { choices: [] } })).status).toBe(204);
    expect(await api(standin, 'POST', i.followup, { content: 'no' })).toEqual(UNKNOWN_WEBHOOK);
  });

  it('takes follow-ups for 15 minutes, then answers 404 10015 Unknown Webhook', async () => {
    const i = interaction(standin);
    await api(standin, 'POST', i.callback, reply);
    clock.advance(15 * 60_000 - 1_000);
    expect((await api(standin, 'POST', i.followup, { content: 'still' })).status).toBe(200);
    clock.advance(2_000);
    expect(await api(standin, 'POST', i.followup, { content: 'late' })).toEqual(UNKNOWN_WEBHOOK);
    expect(await api(standin, 'PATCH', i.original, { content: 'late' })).toEqual(UNKNOWN_WEBHOOK);
  });
});

describe('autocomplete results', () => {
  const choices = (n: number, name = (k: number) => `choice ${k}`, value = (k: number) => `v${k}`) => Array.from({ length: n }, (_, k) => ({ name: name(k), value: value(k) }));
  const answer = async (list: object[]) => {
    const i = interaction(standin, 4);
    return api(standin, 'POST', i.callback, { type: 8, data: { choices: list } });
  };

  it('accepts 25 choices and refuses 26', async () => {
    expect((await answer(choices(25))).status).toBe(204);
    expect(expectFormError(await answer(choices(26)))).toEqual({ status: 400, code: 50035, fields: ['data.choices[BASE_TYPE_MAX_LENGTH]'] });
  });

  it('refuses a choice name that is empty or over 100 characters', async () => {
    expect(expectFormError(await answer(choices(1, () => '')))).toEqual({ status: 400, code: 50035, fields: ['data.choices[0].name[BASE_TYPE_BAD_LENGTH]'] });
    expect(expectFormError(await answer(choices(1, () => 'n'.repeat(101))))).toEqual({ status: 400, code: 50035, fields: ['data.choices[0].name[BASE_TYPE_BAD_LENGTH]'] });
  });

  it('refuses a choice value over 100 characters', async () => {
    expect((await answer(choices(1, undefined, () => 'v'.repeat(100)))).status).toBe(204);
    expect(expectFormError(await answer(choices(1, undefined, () => 'v'.repeat(101))))).toEqual({ status: 400, code: 50035, fields: ['data.choices[0].value[BASE_TYPE_MAX_LENGTH]'] });
  });
});
