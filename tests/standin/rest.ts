import { APPLICATION_ID, DiscordStandin, TOKEN, type GuildSpec, type StandinOptions } from '../../standin/discord-standin.js';

/** Plain REST against the stand-in, as a bot would send it (no discord.js in between). */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Discord's JSON answer
  body: any;
}

export const GUILD = '200000000000000001';
export const CHANNEL = '300000000000000001';

/** A clock the test moves by hand: Discord's "now" for the stand-in's time rules. */
export class TestClock {
  constructor(public ms = Date.now()) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export async function startStandin(options: StandinOptions = {}, guilds: GuildSpec[] = [{ id: GUILD, channelIds: [CHANNEL] }]): Promise<DiscordStandin> {
  return new DiscordStandin(guilds, options).start();
}

export async function api(standin: DiscordStandin, method: string, path: string, body?: unknown, raw?: string | Buffer): Promise<Answer> {
  const res = await fetch(`${standin.apiUrl}/v10${path}`, {
    method,
    headers: { authorization: `Bot ${TOKEN}`, ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A file to upload: `field` defaults to `files[<its index>]`, as discord.js names them. */
export interface FilePart {
  name: string;
  data: Uint8Array;
  contentType?: string;
  field?: string;
}

/** A multipart/form-data request as discord.js sends one with files: `payload_json` and `files[n]` (built by undici's FormData). */
export async function multipart(standin: DiscordStandin, method: string, path: string, payload: unknown, files: FilePart[]): Promise<Answer> {
  const form = new FormData();
  files.forEach((f, n) => form.append(f.field ?? `files[${n}]`, new Blob([f.data], f.contentType ? { type: f.contentType } : {}), f.name));
  if (payload !== undefined) form.append('payload_json', JSON.stringify(payload));
  return answerOf(await fetch(`${standin.apiUrl}/v10${path}`, { method, headers: { authorization: `Bot ${TOKEN}` }, body: form }));
}

/** A body written by hand, bytes as given, with its own content type. */
export async function sendRaw(standin: DiscordStandin, method: string, path: string, contentType: string, body: Buffer): Promise<Answer> {
  return answerOf(await fetch(`${standin.apiUrl}/v10${path}`, { method, headers: { authorization: `Bot ${TOKEN}`, 'content-type': contentType }, body }));
}

/** A multipart/form-data body written by hand: each part's header lines, then its bytes. */
export function formBody(boundary: string, parts: Array<{ headers: string[]; data: Buffer | string }>, close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) chunks.push(Buffer.from(`--${boundary}\r\n${part.headers.join('\r\n')}\r\n\r\n`), Buffer.from(part.data), Buffer.from('\r\n'));
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

let next = 1n;
/**
 * Sends an INTERACTION_CREATE (no bot listening is needed) and returns its callback and webhook
 * paths. `extra` overrides fields of the payload (`channel_id`, `app_permissions`, …).
 */
export function interaction(standin: DiscordStandin, type = 2, extra: Record<string, unknown> = {}) {
  const id = String(870000000000000000n + next++);
  const token = `token-${id}`;
  standin.dispatchInteraction({ id, token, type, application_id: APPLICATION_ID, guild_id: GUILD, channel_id: CHANNEL, data: {}, ...extra });
  return {
    id,
    token,
    callback: `/interactions/${id}/${token}/callback`,
    followup: `/webhooks/${APPLICATION_ID}/${token}`,
    original: `/webhooks/${APPLICATION_ID}/${token}/messages/@original`,
  };
}

/** The field errors of a 50035 answer, as discord.js prints them: `embeds[0].title[BASE_TYPE_MAX_LENGTH]`. */
export function fieldErrors(answer: Answer): string[] {
  const out: string[] = [];
  const walk = (node: Record<string, unknown>, path: string[]) => {
    for (const e of (node._errors as Array<{ code: string }> | undefined) ?? []) out.push(`${path.map((k, n) => (/^\d+$/.test(k) ? (n ? `[${k}]` : k) : n ? `.${k}` : k)).join('')}[${e.code}]`);
    for (const [k, v] of Object.entries(node)) if (k !== '_errors') walk(v as Record<string, unknown>, [...path, k]);
  };
  if (answer.body?.errors) walk(answer.body.errors, []);
  return out;
}

/** Expects Discord's 400 Invalid Form Body naming exactly these failing fields. */
export function expectFormError(answer: Answer): { status: number; code: number; fields: string[] } {
  return { status: answer.status, code: answer.body?.code, fields: fieldErrors(answer) };
}
