import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RestCall } from './discord-standin.js';

/**
 * The largest size of each kind of payload part the bot sent and the stand-in accepted, against
 * Discord's limit: how close the suite comes to each rule. Collected when STANDIN_PAYLOAD_STATS names
 * a folder (each test process writes its own file there on exit); `npx tsx scripts/payload-stats.ts
 * <folder>` adds them up.
 */
export const LIMITS: Record<string, number> = {
  'message content': 2_000,
  'embeds in a message': 10,
  'embed title': 256,
  'embed description': 4_096,
  'embed fields': 25,
  'embed field name': 256,
  'embed field value': 1_024,
  'embed footer': 2_048,
  'embed author': 256,
  'embed text in all': 6_000,
  'action rows': 5,
  'buttons in a row': 5,
  'button label': 80,
  'custom_id': 100,
  'autocomplete choices': 25,
  'autocomplete choice name': 100,
  'autocomplete choice value': 100,
  'allowed_mentions users': 100,
  'thread name': 100,
  'scheduled event name': 100,
  'scheduled event description': 1_000,
  'commands registered': 100,
  'options of a command': 25,
  'files in a message': 10,
  'file size (bytes)': 10 * 1024 * 1024,
};

const largest = new Map<string, number>();
const see = (what: string, size: number) => largest.set(what, Math.max(largest.get(what) ?? 0, size));
const len = (text: unknown) => (typeof text === 'string' ? [...text].length : 0);

interface Embed {
  title?: string;
  description?: string;
  fields?: Array<{ name: string; value: string }>;
  footer?: { text: string };
  author?: { name: string };
}

function message(body: { content?: string; embeds?: Embed[]; components?: Array<{ components?: Array<{ label?: string; custom_id?: string }> }>; allowed_mentions?: { users?: string[] } } | undefined): void {
  if (!body || typeof body !== 'object') return;
  if (body.content !== undefined) see('message content', len(body.content));
  if (body.embeds) {
    see('embeds in a message', body.embeds.length);
    let total = 0;
    for (const e of body.embeds) {
      see('embed title', len(e.title));
      see('embed description', len(e.description));
      see('embed fields', e.fields?.length ?? 0);
      see('embed footer', len(e.footer?.text));
      see('embed author', len(e.author?.name));
      for (const f of e.fields ?? []) {
        see('embed field name', len(f.name));
        see('embed field value', len(f.value));
      }
      total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name) + (e.fields ?? []).reduce((n, f) => n + len(f.name) + len(f.value), 0);
    }
    see('embed text in all', total);
  }
  if (body.components) {
    see('action rows', body.components.length);
    for (const row of body.components) {
      see('buttons in a row', row.components?.length ?? 0);
      for (const c of row.components ?? []) {
        see('button label', len(c.label));
        see('custom_id', len(c.custom_id));
      }
    }
  }
  if (body.allowed_mentions?.users) see('allowed_mentions users', body.allowed_mentions.users.length);
}

/** Takes note of an accepted call's payload. */
export function observe(call: RestCall): void {
  if (!process.env.STANDIN_PAYLOAD_STATS || (call.status ?? 0) >= 400 || call.method === 'GET') return;
  const b = call.body;
  if (call.files.length) {
    see('files in a message', call.files.length);
    see('file size (bytes)', Math.max(...call.files.map((f) => f.data.length)));
  }
  if (/\/callback$/.test(call.path)) {
    if (b?.type === 8) {
      const choices = (b.data?.choices ?? []) as Array<{ name: string; value: unknown }>;
      see('autocomplete choices', choices.length);
      for (const c of choices) {
        see('autocomplete choice name', len(c.name));
        see('autocomplete choice value', len(String(c.value)));
      }
    } else message(b?.data);
  } else if (/\/threads$/.test(call.path)) see('thread name', len(b?.name));
  else if (/\/scheduled-events$/.test(call.path)) {
    see('scheduled event name', len(b?.name));
    see('scheduled event description', len(b?.description));
  } else if (/\/commands$/.test(call.path) && Array.isArray(b)) {
    see('commands registered', b.length);
    for (const c of b as Array<{ options?: unknown[] }>) see('options of a command', c.options?.length ?? 0);
  } else message(b);
}

/** Writes this process's maxima so far (the stand-in calls it when it stops: test workers may end without an exit event). */
export function flushPayloadStats(): void {
  const dir = process.env.STANDIN_PAYLOAD_STATS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify(Object.fromEntries(largest)));
}
