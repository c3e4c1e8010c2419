import { Client, DiscordAPIError, Events, GatewayIntentBits, PermissionFlagsBits, PermissionsBitField, type ChatInputCommandInteraction } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_SIZE_LIMIT, INVITE_PERMISSIONS, PERMISSION, TOKEN, UNDECLARED_APP_PERMISSIONS, type DiscordStandin, type GuildSpec } from '../../standin/discord-standin.js';
import { Exchange, Member } from '../../standin/member.js';
import { api, CHANNEL, expectFormError, formBody, GUILD, interaction, multipart, sendRaw, startStandin, type FilePart } from './rest.js';

/** A channel whose overwrite denies the bot Attach Files (it may still send text there). */
const NO_FILES = '300000000000000002';
/** A channel no fixture declares. */
const UNDECLARED = '399999999999999999';

/** The bot invited with Attach Files as well (the README's invite link does not ask for it yet). */
const WITH_FILES = INVITE_PERMISSIONS | PERMISSION.attachFiles;
const GUILDS: GuildSpec[] = [{ id: GUILD, channelIds: [CHANNEL, NO_FILES], botPermissions: WITH_FILES, deniedToBot: { [NO_FILES]: PERMISSION.attachFiles } }];

/** A 1×1 PNG, then bytes a text parser would mangle: CRLFs, dashes like a boundary, a NUL and bytes that are not UTF-8. */
const PNG = Buffer.concat([
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
  Buffer.from('\r\n--\r\n\r\n--formdata-undici\r\n'),
  Buffer.from([0x00, 0xff, 0xfe, 0xc3, 0x28, 0x0d, 0x0a]),
]);
const card = (name = 'card.png', data: Uint8Array = PNG): FilePart => ({ name, data, contentType: 'image/png' });
const cards = (n: number) => Array.from({ length: n }, (_, k) => card(`card-${k}.png`, Buffer.from([k])));
const ids = (n: number) => Array.from({ length: n }, (_, k) => ({ id: String(k) }));

const MISSING_PERMISSIONS = { status: 403, body: { code: 50013, message: 'Missing Permissions' } };
const TOO_LARGE = { status: 413, body: { code: 40005, message: 'Request entity too large' } };
const INVALID_JSON = { status: 400, body: { code: 50109, message: 'The request body contains invalid JSON.' } };
const EMPTY = { status: 400, body: { code: 50006, message: 'Cannot send an empty message' } };
const invalid = (...fields: string[]) => ({ status: 400, code: 50035, fields });

let standin: DiscordStandin;
beforeAll(async () => {
  standin = await startStandin({}, GUILDS);
});
afterAll(async () => standin?.stop());
beforeEach(() => standin.reset());

const post = (channel: string, payload: unknown, files: FilePart[]) => multipart(standin, 'POST', `/channels/${channel}/messages`, payload, files);
/** What a member sees of an interaction the test answered by hand. */
const exchange = (i: { id: string; token: string }) => new Exchange(standin, i.id, i.token, Date.now());

describe('files on a channel message', () => {
  it('accepts a PNG and keeps its bytes exactly, with payload_json as the body', async () => {
    const payload = { content: 'Your progress', embeds: [{ title: 'Progress', image: { url: 'attachment://card.png' } }], attachments: [{ id: '0', description: 'progress card' }] };
    const answer = await post(CHANNEL, payload, [card()]);
    expect(answer.status).toBe(200);
    expect(answer.body.attachments).toMatchObject([{ filename: 'card.png', size: PNG.length, content_type: 'image/png' }]);
    expect(answer.body.embeds[0].image.url).toBe(answer.body.attachments[0].url);
    const [message] = standin.channelMessages(CHANNEL);
    expect(message!.body).toEqual(payload);
    expect(message!.attachments).toHaveLength(1);
    expect(message!.attachments[0]).toMatchObject({ filename: 'card.png', contentType: 'image/png' });
    expect(message!.attachments[0]!.data.equals(PNG)).toBe(true);
    const call = standin.calls.at(-1)!;
    expect(call.files.map((f) => [f.field, f.filename, f.contentType])).toEqual([['files[0]', 'card.png', 'image/png']]);
    expect(call.files[0]!.data.equals(PNG)).toBe(true);
  });

  it('lists the attachment when the channel is read back', async () => {
    await post(CHANNEL, { content: 'card' }, [card()]);
    const listed = await api(standin, 'GET', `/channels/${CHANNEL}/messages`);
    expect(listed.body[0].attachments).toMatchObject([{ filename: 'card.png', size: PNG.length }]);
  });

  it('splits a hand-written body on its boundary as bytes, whatever the file holds', async () => {
    const body = formBody('b0undary', [
      { headers: ['Content-Disposition: form-data; name="payload_json"', 'Content-Type: application/json'], data: JSON.stringify({ content: 'hand-made' }) },
      { headers: ['Content-Disposition: form-data; name="files[0]"; filename="a %22quoted%22 name.png"', 'Content-Type: image/png'], data: Buffer.concat([PNG, Buffer.from('\r\n--b0undar')]) },
    ]);
    expect((await sendRaw(standin, 'POST', `/channels/${CHANNEL}/messages`, 'multipart/form-data; boundary=b0undary', body)).status).toBe(200);
    const [message] = standin.channelMessages(CHANNEL);
    expect(message!.body).toEqual({ content: 'hand-made' });
    expect(message!.attachments[0]!.filename).toBe('a "quoted" name.png');
    expect(message!.attachments[0]!.data.equals(Buffer.concat([PNG, Buffer.from('\r\n--b0undar')]))).toBe(true);
  });

  it('still refuses a payload_json that is not UTF-8 with 50109', async () => {
    const body = formBody('b0undary', [{ headers: ['Content-Disposition: form-data; name="payload_json"'], data: Buffer.from([0x7b, 0x22, 0x63, 0x22, 0x3a, 0x22, 0xc3, 0x22, 0x7d]) }]);
    expect(await sendRaw(standin, 'POST', `/channels/${CHANNEL}/messages`, 'multipart/form-data; boundary=b0undary', body)).toEqual(INVALID_JSON);
  });

  it('refuses a multipart body cut off before its closing boundary with 50109', async () => {
    const body = formBody('b0undary', [{ headers: ['Content-Disposition: form-data; name="payload_json"'], data: JSON.stringify({ content: 'cut' }) }], false);
    expect(await sendRaw(standin, 'POST', `/channels/${CHANNEL}/messages`, 'multipart/form-data; boundary=b0undary', body.subarray(0, body.length - 2))).toEqual(INVALID_JSON);
  });

  it('accepts 10 files and refuses 11 with 50035 at attachments', async () => {
    expect((await post(CHANNEL, { attachments: ids(10) }, cards(10))).status).toBe(200);
    expect(expectFormError(await post(CHANNEL, { attachments: ids(11) }, cards(11)))).toEqual(invalid('attachments[BASE_TYPE_MAX_LENGTH]'));
    expect(expectFormError(await post(CHANNEL, { content: 'no list' }, cards(11)))).toEqual(invalid('attachments[BASE_TYPE_MAX_LENGTH]'));
  });

  it('refuses a file over 10 MiB with 413 40005, and takes one of exactly 10 MiB', async () => {
    expect((await post(CHANNEL, { content: 'big' }, [card('big.bin', Buffer.alloc(ATTACHMENT_SIZE_LIMIT))])).status).toBe(200);
    expect(await post(CHANNEL, { content: 'too big' }, [card('big.bin', Buffer.alloc(ATTACHMENT_SIZE_LIMIT + 1))])).toEqual(TOO_LARGE);
  });

  it('refuses an attachments[] id that names no uploaded file with ATTACHMENT_NOT_FOUND', async () => {
    expect(expectFormError(await post(CHANNEL, { attachments: ids(2) }, [card()]))).toEqual(invalid('attachments[1][ATTACHMENT_NOT_FOUND]'));
    expect(expectFormError(await api(standin, 'POST', `/channels/${CHANNEL}/messages`, { content: 'no files', attachments: ids(1) }))).toEqual(invalid('attachments[0][ATTACHMENT_NOT_FOUND]'));
  });

  it('refuses an empty filename, in attachments[] or on the upload, and takes a name from attachments[]', async () => {
    expect(expectFormError(await post(CHANNEL, { attachments: [{ id: '0', filename: '' }] }, [card()]))).toEqual(invalid('attachments[0].filename[BASE_TYPE_BAD_LENGTH]'));
    const unnamed = (payload: object) =>
      formBody('b0undary', [
        { headers: ['Content-Disposition: form-data; name="payload_json"'], data: JSON.stringify(payload) },
        { headers: ['Content-Disposition: form-data; name="files[0]"; filename=""'], data: PNG },
      ]);
    const send = (payload: object) => sendRaw(standin, 'POST', `/channels/${CHANNEL}/messages`, 'multipart/form-data; boundary=b0undary', unnamed(payload));
    expect(expectFormError(await send({ content: 'x' }))).toEqual(invalid('files[0].filename[BASE_TYPE_REQUIRED]'));
    expect((await send({ attachments: [{ id: '0', filename: 'named.png' }] })).status).toBe(200);
    expect(standin.channelMessages(CHANNEL).at(-1)!.attachments[0]!.filename).toBe('named.png');
  });

  it.each([
    ['image', { image: { url: 'attachment://missing.png' } }, 'embeds[0].image.url[EMBED_ATTACHMENT_NOT_FOUND]'],
    ['thumbnail', { thumbnail: { url: 'attachment://missing.png' } }, 'embeds[0].thumbnail.url[EMBED_ATTACHMENT_NOT_FOUND]'],
  ])('refuses an embed %s at attachment:// naming no file of the message', async (_part, embed, field) => {
    expect(expectFormError(await post(CHANNEL, { embeds: [{ title: 'card', ...embed }] }, [card()]))).toEqual(invalid(field));
    expect(expectFormError(await api(standin, 'POST', `/channels/${CHANNEL}/messages`, { embeds: [{ title: 'card', ...embed }] }))).toEqual(invalid(field));
    expect((await post(CHANNEL, { embeds: [{ title: 'card', ...embed }] }, [card('missing.png')])).status).toBe(200);
  });

  it('takes a message with only a file as not empty, with or without payload_json', async () => {
    expect((await post(CHANNEL, {}, [card()])).status).toBe(200);
    expect((await post(CHANNEL, undefined, [card()])).status).toBe(200);
    expect(await api(standin, 'POST', `/channels/${CHANNEL}/messages`, {})).toEqual(EMPTY);
  });

  it('refuses files where the bot lacks Attach Files with 50013, and takes text there', async () => {
    expect(await post(NO_FILES, { content: 'card' }, [card()])).toEqual(MISSING_PERMISSIONS);
    expect((await api(standin, 'POST', `/channels/${NO_FILES}/messages`, { content: 'text only' })).status).toBe(200);
  });

  it('an edit keeps the attachments attachments[] lists, and attachment:// may name them', async () => {
    const posted = await post(CHANNEL, { content: 'card' }, [card()]);
    const path = `/channels/${CHANNEL}/messages/${posted.body.id}`;
    const kept = { embeds: [{ title: 'card', image: { url: 'attachment://card.png' } }], attachments: [{ id: posted.body.attachments[0].id }] };
    expect((await api(standin, 'PATCH', path, kept)).status).toBe(200);
    expect(expectFormError(await api(standin, 'PATCH', path, { ...kept, attachments: [] }))).toEqual(invalid('embeds[0].image.url[EMBED_ATTACHMENT_NOT_FOUND]'));
    expect((await api(standin, 'PATCH', path, { content: 'gone', attachments: [] })).body.attachments).toEqual([]);
    expect(standin.channelMessages(CHANNEL)[0]!.attachments).toEqual([]);
  });
});

describe('files through an interaction', () => {
  const reply = (extra: object = {}) => ({ type: 4, data: { content: 'Your progress', embeds: [{ title: 'Progress', image: { url: 'attachment://card.png' } }], attachments: ids(1), ...extra } });

  it('a reply with a PNG reaches the member byte-for-byte, its embed pointing at it', async () => {
    const i = interaction(standin);
    expect((await multipart(standin, 'POST', i.callback, reply(), [card()])).status).toBe(204);
    const seen = await exchange(i).reply();
    expect(seen.kind).toBe('reply');
    expect(seen.embeds[0]!.image?.url).toBe('attachment://card.png');
    expect(seen.attachments.map((a) => [a.filename, a.contentType])).toEqual([['card.png', 'image/png']]);
    expect(seen.attachments[0]!.data.equals(PNG)).toBe(true);
  });

  it('the edit of a deferred reply carries its own files, and a follow-up its own', async () => {
    const i = interaction(standin);
    await api(standin, 'POST', i.callback, { type: 5 });
    expect((await multipart(standin, 'PATCH', i.original, reply().data, [card()])).status).toBe(200);
    expect((await multipart(standin, 'POST', i.followup, { content: 'and another' }, [card('second.png')])).status).toBe(200);
    const [edit, followup] = await exchange(i).messages(2);
    expect(edit!.kind).toBe('edit');
    expect(edit!.attachments[0]!.data.equals(PNG)).toBe(true);
    expect(followup!.attachments.map((a) => a.filename)).toEqual(['second.png']);
  });

  it('an edit of @original may keep its file by id and name it with attachment://, not once dropped', async () => {
    const i = interaction(standin);
    await multipart(standin, 'POST', i.callback, { type: 4, data: { content: 'card' } }, [card()]);
    const original = await api(standin, 'GET', i.original);
    const kept = { embeds: [{ title: 'card', image: { url: 'attachment://card.png' } }], attachments: [{ id: original.body.attachments[0].id }] };
    expect((await api(standin, 'PATCH', i.original, kept)).status).toBe(200);
    expect(expectFormError(await api(standin, 'PATCH', i.original, { ...kept, attachments: [] }))).toEqual(invalid('embeds[0].image.url[EMBED_ATTACHMENT_NOT_FOUND]'));
  });

  it('refuses 11 files, a dangling attachments[] id and a dangling attachment:// at data', async () => {
    const i = interaction(standin);
    expect(expectFormError(await multipart(standin, 'POST', i.callback, { type: 4, data: { attachments: ids(11) } }, cards(11)))).toEqual(invalid('data.attachments[BASE_TYPE_MAX_LENGTH]'));
    expect(expectFormError(await multipart(standin, 'POST', i.callback, reply({ attachments: ids(2) }), [card()]))).toEqual(invalid('data.attachments[1][ATTACHMENT_NOT_FOUND]'));
    expect(expectFormError(await multipart(standin, 'POST', i.callback, reply(), [card('other.png')]))).toEqual(invalid('data.embeds[0].image.url[EMBED_ATTACHMENT_NOT_FOUND]'));
    expect((await multipart(standin, 'POST', i.callback, reply(), [card()])).status).toBe(204);
  });

  it('takes a reply with only a file as not empty', async () => {
    const i = interaction(standin);
    expect((await multipart(standin, 'POST', i.callback, { type: 4, data: {} }, [card()])).status).toBe(204);
  });

  it("holds each file to the interaction's attachment_size_limit with 413 40005", async () => {
    const i = interaction(standin, 2, { attachment_size_limit: 1_000 });
    expect(await multipart(standin, 'POST', i.callback, reply(), [card('card.png', Buffer.alloc(1_001))])).toEqual(TOO_LARGE);
    expect((await multipart(standin, 'POST', i.callback, reply(), [card('card.png', Buffer.alloc(1_000))])).status).toBe(204);
    expect(await multipart(standin, 'POST', i.followup, { content: 'more' }, [card('card.png', Buffer.alloc(1_001))])).toEqual(TOO_LARGE);
  });

  it('refuses an answer, follow-up or edit with files with 50013 when app_permissions lack Attach Files, and takes it when present', async () => {
    const without = interaction(standin, 2, { app_permissions: String(WITH_FILES & ~PERMISSION.attachFiles) });
    expect(await multipart(standin, 'POST', without.callback, reply(), [card()])).toEqual(MISSING_PERMISSIONS);
    expect((await api(standin, 'POST', without.callback, { type: 4, data: { content: 'no card, in words' } })).status).toBe(204);
    expect(await multipart(standin, 'POST', without.followup, { content: 'card' }, [card()])).toEqual(MISSING_PERMISSIONS);
    expect(await multipart(standin, 'PATCH', without.original, { content: 'card' }, [card()])).toEqual(MISSING_PERMISSIONS);
    const withFiles = interaction(standin, 2, { app_permissions: String(WITH_FILES) });
    expect((await multipart(standin, 'POST', withFiles.callback, reply(), [card()])).status).toBe(204);
  });

  it("app_permissions default to the bot's permissions in the interaction's channel", async () => {
    const noFiles = interaction(standin, 2, { channel_id: NO_FILES });
    expect(await multipart(standin, 'POST', noFiles.callback, reply(), [card()])).toEqual(MISSING_PERMISSIONS);
    expect(standin.appPermissionsIn(CHANNEL)).toBe(WITH_FILES);
    expect(standin.appPermissionsIn(NO_FILES)).toBe(WITH_FILES & ~PERMISSION.attachFiles);
    expect(standin.appPermissionsIn(UNDECLARED)).toBe(UNDECLARED_APP_PERMISSIONS);
  });

  it('an administrator bot is told it has every permission', async () => {
    const admin = await startStandin({}, [{ id: GUILD, channelIds: [CHANNEL], botPermissions: PERMISSION.administrator }]);
    try {
      expect(admin.appPermissionsIn(CHANNEL)).toBe(PermissionsBitField.All);
    } finally {
      await admin.stop();
    }
  });
});

describe('through the real discord.js client', () => {
  let live: DiscordStandin;
  let client: Client;
  let handle: (i: ChatInputCommandInteraction) => Promise<unknown> = async () => undefined;
  const failures: unknown[] = [];

  beforeAll(async () => {
    live = await startStandin({ validateBodies: true }, GUILDS);
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: live.apiUrl } });
    client.on(Events.InteractionCreate, (i) => {
      if (i.isChatInputCommand()) handle(i).catch((error: unknown) => failures.push(error));
    });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(TOKEN);
    await ready;
  });
  afterAll(async () => {
    await client?.destroy();
    await live?.stop();
  });
  beforeEach(() => {
    failures.length = 0;
  });

  it('interaction.reply with a file arrives with its bytes intact', async () => {
    handle = (i) => i.reply({ embeds: [{ title: 'Progress', image: { url: 'attachment://card.png' } }], files: [{ attachment: PNG, name: 'card.png' }] });
    const seen = await new Member(live, GUILD, '400000000000000001', CHANNEL).run('progress').reply();
    expect(failures).toEqual([]);
    expect(seen.embeds[0]!.image?.url).toBe('attachment://card.png');
    expect(seen.attachments).toHaveLength(1);
    expect(seen.attachments[0]!.filename).toBe('card.png');
    expect(seen.attachments[0]!.data.equals(PNG)).toBe(true);
  });

  it('the bot is told its channel permissions and the size limit, and a file where Attach Files is denied fails with 50013', async () => {
    const told: Array<{ attach: boolean; limit: number }> = [];
    handle = async (i) => {
      told.push({ attach: i.appPermissions.has(PermissionFlagsBits.AttachFiles), limit: i.attachmentSizeLimit });
      return i.reply({ files: [{ attachment: PNG, name: 'card.png' }] });
    };
    const member = (channel: string) => new Member(live, GUILD, '400000000000000002', channel);
    await member(CHANNEL).run('progress').reply();
    const refused = member(NO_FILES).run('progress');
    await expect.poll(() => failures.length).toBe(1);
    expect(told).toEqual([
      { attach: true, limit: ATTACHMENT_SIZE_LIMIT },
      { attach: false, limit: ATTACHMENT_SIZE_LIMIT },
    ]);
    expect(failures[0]).toBeInstanceOf(DiscordAPIError);
    expect((failures[0] as DiscordAPIError).code).toBe(50013);
    expect(refused.refused().map((c) => c.status)).toEqual([403]);
  });
});
