import { readFileSync } from 'node:fs';
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, TOKEN, type DiscordStandin } from '../../standin/discord-standin.js';
import { openApiValidator, SPEC_PATH } from '../../standin/openapi-validator.js';
import { api, CHANNEL, expectFormError, GUILD, interaction, startStandin } from './rest.js';

let checked: DiscordStandin;
let unchecked: DiscordStandin;
beforeAll(async () => {
  checked = await startStandin({ validateBodies: true });
  unchecked = await startStandin();
});
afterAll(async () => {
  await checked?.stop();
  await unchecked?.stop();
});

const invalid = (...fields: string[]) => ({ status: 400, code: 50035, fields });
const card = { content: 'Your next topic', embeds: [{ title: 'HTTP basics', color: 0x5865f2, fields: [{ name: 'Time', value: '30 min', inline: true }] }], components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Done', custom_id: 'v1:done:http' }] }] };

describe('request bodies checked against Discord’s OpenAPI description', () => {
  it('accepts a valid message and refuses a button without a style, naming the path', async () => {
    expect((await api(checked, 'POST', `/channels/${CHANNEL}/messages`, card)).status).toBe(200);
    const noStyle = { ...card, components: [{ type: 1, components: [{ type: 2, label: 'Done', custom_id: 'v1:done:http' }] }] };
    expect(expectFormError(await api(checked, 'POST', `/channels/${CHANNEL}/messages`, noStyle))).toEqual(invalid('components[0].components[0].style[BASE_TYPE_REQUIRED]'));
  });

  it('is off unless asked for: the same body passes the rules alone', async () => {
    const noStyle = { ...card, components: [{ type: 1, components: [{ type: 2, label: 'Done', custom_id: 'v1:done:http' }] }] };
    expect((await api(unchecked, 'POST', `/channels/${CHANNEL}/messages`, noStyle)).status).toBe(200);
  });

  it('refuses a field of the wrong type inside an interaction answer, judged by the answer’s type', async () => {
    const i = interaction(checked);
    const answer = await api(checked, 'POST', i.callback, { type: 4, data: { content: 'hi', embeds: [{ title: 'x', color: 'blurple' }] } });
    expect(expectFormError(answer).fields).toEqual(['data.embeds[0].color[BASE_TYPE_INTEGER_NULL]']);
    expect((await api(checked, 'POST', i.callback, { type: 4, data: { content: 'hi', flags: 64 } })).status).toBe(204);
  });

  it('refuses a thread archive duration Discord does not offer', async () => {
    const message = await api(checked, 'POST', `/channels/${CHANNEL}/messages`, { content: 'prompt' });
    const path = `/channels/${CHANNEL}/messages/${message.body.id}/threads`;
    expect(expectFormError(await api(checked, 'POST', path, { name: 'Discussion', auto_archive_duration: 42 }))).toEqual(invalid('auto_archive_duration[BASE_TYPE_CHOICES]'));
    expect((await api(checked, 'POST', path, { name: 'Discussion', auto_archive_duration: 1440 })).status).toBe(201);
  });

  it('refuses a scheduled event without its required privacy level', async () => {
    const start = Date.now() + 3_600_000;
    const event = { name: 'Meetup', entity_type: 3, entity_metadata: { location: 'study' }, scheduled_start_time: new Date(start).toISOString(), scheduled_end_time: new Date(start + 3_600_000).toISOString() };
    expect(expectFormError(await api(checked, 'POST', `/guilds/${GUILD}/scheduled-events`, event)).fields).toContain('privacy_level[BASE_TYPE_REQUIRED]');
  });

  it('takes default_member_permissions as the documented string (the spec says integer)', async () => {
    const commands = [{ name: 'studygroup', description: 'Run the group', default_member_permissions: '32', contexts: [0], options: [{ type: 3, name: 'time', description: 'HH:MM' }] }];
    expect((await api(checked, 'PUT', `/applications/${APPLICATION_ID}/guilds/${GUILD}/commands`, commands)).status).toBe(200);
    const wrongType = [{ ...commands[0], options: [{ type: 99, name: 'time', description: 'HH:MM' }] }];
    expect(expectFormError(await api(checked, 'PUT', `/applications/${APPLICATION_ID}/guilds/${GUILD}/commands`, wrongType))).toEqual(invalid('0.options[0].type[BASE_TYPE_CHOICES]'));
  });

  it('fails a discord.js call the way production would: DiscordAPIError 50035 with the path', async () => {
    const rest = new REST({ api: checked.apiUrl, retries: 0 }).setToken(TOKEN);
    const error = await rest.post(Routes.channelMessages(CHANNEL), { body: { content: 'hi', embeds: [{ title: 'x', color: 'blurple' }] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect((error as DiscordAPIError).message).toContain('embeds[0].color[BASE_TYPE_INTEGER_NULL]');
  });

  it('matches a request to the most literal route of the spec', () => {
    const spec = openApiValidator();
    expect(spec.route(`/webhooks/${APPLICATION_ID}/token/messages/@original`)?.template).toBe('/webhooks/{webhook_id}/{webhook_token}/messages/@original');
    expect(spec.route(`/webhooks/${APPLICATION_ID}/token/messages/123`)?.template).toBe('/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}');
    expect(spec.route('/applications/@me')?.template).toBe('/applications/@me');
  });

  it('the vendored spec is the one its README names', () => {
    const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8'));
    const readme = readFileSync(new URL('../fixtures/discord-api-spec/README.md', import.meta.url), 'utf8');
    expect(readme).toContain('| `info.version` | `' + spec.info.version + '` ');
    expect(readme).toContain(spec.info.title);
    expect(readme).toContain(`OpenAPI ${spec.openapi}`);
  });
});
