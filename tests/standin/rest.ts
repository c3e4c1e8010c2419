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

let next = 1n;
/** Sends an INTERACTION_CREATE (no bot listening is needed) and returns its callback and webhook paths. */
export function interaction(standin: DiscordStandin, type = 2) {
  const id = String(870000000000000000n + next++);
  const token = `token-${id}`;
  standin.dispatchInteraction({ id, token, type, application_id: APPLICATION_ID, guild_id: GUILD, channel_id: CHANNEL, data: {} });
  return {
    id,
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
