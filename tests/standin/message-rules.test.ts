import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordStandin } from '../../standin/discord-standin.js';
import { api, CHANNEL, expectFormError, interaction, startStandin } from './rest.js';

// Rules are enforced whether or not bodies are also checked against the OpenAPI description.
let standin: DiscordStandin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => standin?.stop());

const post = (body: unknown) => api(standin, 'POST', `/channels/${CHANNEL}/messages`, body);
const invalid = (...fields: string[]) => ({ status: 400, code: 50035, fields });
const embed = (extra: object) => ({ embeds: [{ title: 'ok', ...extra }] });
const row = (...buttons: object[]) => ({ type: 1, components: buttons });
const button = (custom_id: string, label = 'Go') => ({ type: 2, style: 1, label, custom_id });

describe('message content', () => {
  it('accepts 2,000 characters and refuses 2,001 with 50035 at content', async () => {
    expect((await post({ content: 'x'.repeat(2000) })).status).toBe(200);
    expect(expectFormError(await post({ content: 'x'.repeat(2001) }))).toEqual(invalid('content[BASE_TYPE_MAX_LENGTH]'));
  });

  it('counts an emoji as one character', async () => {
    expect((await post({ content: '🎉'.repeat(2000) })).status).toBe(200);
  });

  it('refuses an empty message with 50006', async () => {
    expect(await post({ content: '' })).toEqual({ status: 400, body: { code: 50006, message: 'Cannot send an empty message' } });
  });

  it('refuses a nonce longer than 25 characters', async () => {
    expect(expectFormError(await post({ content: 'hi', nonce: 'n'.repeat(26) }))).toEqual(invalid('nonce[BASE_TYPE_MAX_LENGTH]'));
  });
});

describe('embeds', () => {
  it.each([
    ['a title over 256 characters', { title: 't'.repeat(257) }, 'embeds[0].title[BASE_TYPE_MAX_LENGTH]'],
    ['a description over 4,096 characters', { description: 'd'.repeat(4097) }, 'embeds[0].description[BASE_TYPE_MAX_LENGTH]'],
    ['a footer text over 2,048 characters', { footer: { text: 'f'.repeat(2049) } }, 'embeds[0].footer.text[BASE_TYPE_MAX_LENGTH]'],
    ['an author name over 256 characters', { author: { name: 'a'.repeat(257) } }, 'embeds[0].author.name[BASE_TYPE_MAX_LENGTH]'],
    ['a field name over 256 characters', { fields: [{ name: 'n'.repeat(257), value: 'v' }] }, 'embeds[0].fields[0].name[BASE_TYPE_BAD_LENGTH]'],
    ['a field value over 1,024 characters', { fields: [{ name: 'n', value: 'v'.repeat(1025) }] }, 'embeds[0].fields[0].value[BASE_TYPE_BAD_LENGTH]'],
    ['an empty field name', { fields: [{ name: '', value: 'v' }] }, 'embeds[0].fields[0].name[BASE_TYPE_BAD_LENGTH]'],
    ['an empty field value', { fields: [{ name: 'n', value: '' }] }, 'embeds[0].fields[0].value[BASE_TYPE_BAD_LENGTH]'],
    ['26 fields', { fields: Array.from({ length: 26 }, (_, n) => ({ name: `f${n}`, value: 'v' })) }, 'embeds[0].fields[BASE_TYPE_MAX_LENGTH]'],
  ])('refuses %s at its path', async (_name, extra, field) => {
    expect(expectFormError(await post(embed(extra)))).toEqual(invalid(field));
  });

  it('accepts each part at its own limit', async () => {
    const full = { title: 't'.repeat(256), description: 'd'.repeat(2000), footer: { text: 'f'.repeat(2048) }, author: { name: 'a'.repeat(256) }, fields: [{ name: 'n'.repeat(256), value: 'v'.repeat(1024) }] };
    expect((await post({ embeds: [full] })).status).toBe(200);
    expect((await post(embed({ description: 'd'.repeat(4096) }))).status).toBe(200);
    expect((await post(embed({ fields: Array.from({ length: 25 }, (_, n) => ({ name: `f${n}`, value: 'v' })) }))).status).toBe(200);
  });

  it('refuses embeds whose text passes 6,000 characters together', async () => {
    const big = { description: 'd'.repeat(3001) };
    expect((await post({ embeds: [{ description: 'd'.repeat(3000) }, { description: 'd'.repeat(3000) }] })).status).toBe(200);
    expect(expectFormError(await post({ embeds: [big, big] }))).toEqual(invalid('embeds[MAX_EMBED_SIZE_EXCEEDED]'));
  });

  it('refuses more than 10 embeds', async () => {
    expect(expectFormError(await post({ embeds: Array.from({ length: 11 }, () => ({ title: 'x' })) }))).toEqual(invalid('embeds[BASE_TYPE_MAX_LENGTH]'));
  });
});

describe('components', () => {
  it('refuses a sixth action row', async () => {
    const rows = Array.from({ length: 6 }, (_, n) => row(button(`b${n}`)));
    expect(expectFormError(await post({ content: 'x', components: rows }))).toEqual(invalid('components[BASE_TYPE_MAX_LENGTH]'));
  });

  it('refuses a sixth button in a row', async () => {
    const buttons = Array.from({ length: 6 }, (_, n) => button(`b${n}`));
    expect(expectFormError(await post({ content: 'x', components: [row(...buttons)] }))).toEqual(invalid('components[0].components[BASE_TYPE_MAX_LENGTH]'));
  });

  it('refuses a button label over 80 characters', async () => {
    expect(expectFormError(await post({ content: 'x', components: [row(button('a', 'l'.repeat(81)))] }))).toEqual(invalid('components[0].components[0].label[BASE_TYPE_MAX_LENGTH]'));
  });

  it('refuses a custom_id over 100 characters', async () => {
    expect((await post({ content: 'x', components: [row(button('c'.repeat(100)))] })).status).toBe(200);
    expect(expectFormError(await post({ content: 'x', components: [row(button('c'.repeat(101)))] }))).toEqual(invalid('components[0].components[0].custom_id[BASE_TYPE_BAD_LENGTH]'));
  });

  it('refuses the same custom_id twice in one message, even in different rows', async () => {
    const answer = await post({ content: 'x', components: [row(button('same')), row(button('same'))] });
    expect(expectFormError(answer)).toEqual(invalid('components[1].components[0].custom_id[COMPONENT_CUSTOM_ID_DUPLICATED]'));
  });
});

describe('allowed_mentions', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => String(400000000000000000n + BigInt(i)));

  it('accepts 100 user ids and refuses 101', async () => {
    expect((await post({ content: 'x', allowed_mentions: { parse: [], users: ids(100) } })).status).toBe(200);
    expect(expectFormError(await post({ content: 'x', allowed_mentions: { parse: [], users: ids(101) } }))).toEqual(invalid('allowed_mentions.users[BASE_TYPE_MAX_LENGTH]'));
  });

  it.each(['users', 'roles'])('refuses parse:["%s"] together with a list of ids of that kind', async (kind) => {
    const answer = await post({ content: 'x', allowed_mentions: { parse: [kind], [kind]: ids(1) } });
    expect(expectFormError(answer)).toEqual(invalid('allowed_mentions[MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE]'));
  });

  it('accepts an empty parse with a list of users', async () => {
    expect((await post({ content: 'x', allowed_mentions: { parse: [], users: ids(3) } })).status).toBe(200);
  });
});

describe('invalid Unicode', () => {
  it('refuses a lone surrogate in any string, naming its path', async () => {
    // JSON.stringify writes a lone surrogate as the escape \ud83c: valid JSON, invalid Unicode.
    const answer = await post({ content: 'ok', embeds: [{ title: 'cut emoji \ud83c' }] });
    expect(expectFormError(answer)).toEqual(invalid('embeds[0].title[STRING_TYPE_INVALID_UNICODE]'));
  });

  it('refuses bytes that are not UTF-8 with 50109', async () => {
    const answer = await api(standin, 'POST', `/channels/${CHANNEL}/messages`, undefined, Buffer.from([0x7b, 0x22, 0x63, 0x22, 0x3a, 0x22, 0xc3, 0x22, 0x7d]));
    expect(answer).toEqual({ status: 400, body: { code: 50109, message: 'The request body contains invalid JSON.' } });
  });
});

describe('the same rules inside an interaction answer and its follow-ups', () => {
  it('refuses a reply whose content is too long at data.content, and the interaction stays open', async () => {
    const i = interaction(standin);
    expect(expectFormError(await api(standin, 'POST', i.callback, { type: 4, data: { content: 'x'.repeat(2001) } }))).toEqual(invalid('data.content[BASE_TYPE_MAX_LENGTH]'));
    expect((await api(standin, 'POST', i.callback, { type: 4, data: { content: 'fixed' } })).status).toBe(204);
  });

  it('refuses a follow-up and an edit that break the limits', async () => {
    const i = interaction(standin);
    await api(standin, 'POST', i.callback, { type: 5 });
    expect(expectFormError(await api(standin, 'POST', i.followup, embed({ title: 't'.repeat(257) })))).toEqual(invalid('embeds[0].title[BASE_TYPE_MAX_LENGTH]'));
    expect(expectFormError(await api(standin, 'PATCH', i.original, { components: [row(button('a')), row(button('a'))] }))).toEqual(invalid('components[1].components[0].custom_id[COMPONENT_CUSTOM_ID_DUPLICATED]'));
  });
});
