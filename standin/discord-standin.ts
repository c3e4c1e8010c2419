import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A Discord stand-in on 127.0.0.1: the gateway (HELLO, IDENTIFY -> READY + GUILD_CREATE,
 * heartbeats, dispatches) and the REST routes the bot uses. The real discord.js client connects
 * to it through `rest: { api }`; every REST call is recorded so a test reads what a member saw.
 */

export const BOT_USER = { id: '900000000000000001', username: 'Syllabot', discriminator: '0', global_name: null, avatar: null, bot: true } as const;
export const APPLICATION_ID = '900000000000000002';
export const TOKEN = 'standin-token.not-a-real-secret';

export interface RestCall {
  method: string;
  path: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- recorded JSON as sent
  at: number;
}

export interface GuildSpec {
  id: string;
  name?: string;
  channelIds?: string[];
  /** How many members GUILD_CREATE carries besides the bot (default none). */
  memberCount?: number;
  /** Permission bits denied to the bot in a channel (a member overwrite), by channel id. */
  deniedToBot?: Record<string, bigint>;
  /** The bot role's permissions (default: everything Syllabot asks for at invite). */
  botPermissions?: bigint;
}

/** Discord's limits, enforced with real 429s when given (the bench uses them). */
export interface RateLimits {
  /** Requests per second across every route (Discord: 50). */
  globalPerSecond: number;
  /** Messages per channel in a window (Discord: 5 per 5 s). */
  channelMessages: { count: number; windowMs: number };
}

/** A message the stand-in created in a channel (a nonce replay does not create another). */
export interface ChannelMessage {
  id: string;
  channelId: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON as sent
}

/** View Channel, Send Messages, Embed Links, Read Message History, Create Public Threads, Send Messages in Threads, Manage Events */
export const INVITE_PERMISSIONS = 317827664896n;

export interface InteractionOptions {
  guildId: string;
  userId: string;
  channelId?: string;
  /** Reuse an id to simulate a duplicate delivery of the same interaction. */
  id?: string;
  /** Member permissions bitfield as a string (default: none beyond the basics). */
  permissions?: string;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Responder = (call: RestCall) => Reply | undefined;

let snowflakeCounter = 0n;
export function snowflake(): string {
  snowflakeCounter += 1n;
  return String((BigInt(Date.now() - 1420070400000) << 22n) + (snowflakeCounter % 4096n));
}

export class DiscordStandin {
  readonly calls: RestCall[] = [];
  readonly messages: ChannelMessage[] = [];
  private readonly nonces = new Map<string, ChannelMessage>();
  private server!: Server;
  private wss!: WebSocketServer;
  private sockets = new Set<WebSocket>();
  private sequence = 0;
  private waiters: Array<{ test: (c: RestCall) => boolean; resolve: (c: RestCall) => void }> = [];
  private responders: Responder[] = [];
  private readonly guilds: GuildSpec[];
  port = 0;
  identified = 0;

  private readonly socketShard = new Map<WebSocket, [number, number]>();

  /** 429 answers sent (rate limits enforced when `limits` is given). */
  rateLimited = 0;
  private globalWindow = { second: 0, count: 0 };
  private readonly channelPosts = new Map<string, number[]>();

  /** `shards`: the count GET /gateway/bot recommends. */
  constructor(
    guilds: GuildSpec[],
    readonly shards = 1,
    private readonly limits?: RateLimits,
  ) {
    this.guilds = guilds;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<this> {
    return this.listen(0);
  }

  async listen(port: number): Promise<this> {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws)));
    this.server.listen(port, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Answers matching REST calls with a custom status (403, 404, 429…) until the returned function is called. */
  respondWith(responder: Responder): () => void {
    this.responders.push(responder);
    return () => (this.responders = this.responders.filter((r) => r !== responder));
  }

  /** Answers the next `times` matching calls with `reply`, then behaves normally again. */
  failNext(test: (c: RestCall) => boolean, reply: Reply, times = 1): void {
    let left = times;
    this.respondWith((call) => (left > 0 && test(call) ? (left--, reply) : undefined));
  }

  /** Resolves with the first recorded call (past or future) that passes the test. */
  waitForCall(test: (c: RestCall) => boolean, timeoutMs = 5_000): Promise<RestCall> {
    const found = this.calls.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a REST call')), timeoutMs);
      this.waiters.push({ test, resolve: (c) => (clearTimeout(timer), resolve(c)) });
    });
  }

  /** Waits until the bot's gateway connection has identified (count times in all). */
  async waitForIdentify(count = 1, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.identified < count) {
      if (Date.now() > deadline) throw new Error('the bot never identified on the gateway');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Sends INTERACTION_CREATE on the connection of the shard that owns the guild, as Discord does. */
  dispatchInteraction(payload: Record<string, unknown>): void {
    const guild = BigInt(String(payload.guild_id));
    const owner = [...this.sockets].find((ws) => {
      const [id, count] = this.socketShard.get(ws) ?? [0, 1];
      return Number((guild >> 22n) % BigInt(count)) === id;
    });
    const message = JSON.stringify({ op: 0, t: 'INTERACTION_CREATE', s: ++this.sequence, d: payload });
    for (const ws of owner ? [owner] : this.sockets) ws.send(message);
  }

  dispatch(event: string, data: unknown): void {
    const message = JSON.stringify({ op: 0, t: event, s: ++this.sequence, d: data });
    for (const ws of this.sockets) ws.send(message);
  }

  /** Forgets recorded calls, messages and nonces (between tests sharing one stand-in). */
  reset(): void {
    this.calls.length = 0;
    this.messages.length = 0;
    this.nonces.clear();
  }

  /** Messages created in a channel, oldest first. */
  channelMessages(channelId: string): ChannelMessage[] {
    return this.messages.filter((m) => m.channelId === channelId);
  }

  /** Like Discord with enforce_nonce: the same nonce in a channel returns the first message. */
  private createMessage(channelId: string, body: any): object { // eslint-disable-line @typescript-eslint/no-explicit-any
    const key = `${channelId}:${body?.nonce}`;
    const earlier = body?.enforce_nonce && body?.nonce ? this.nonces.get(key) : undefined;
    if (earlier) return messagePayload(earlier.body, channelId, earlier.id);
    const message = { id: snowflake(), channelId, body };
    this.messages.push(message);
    if (body?.enforce_nonce && body?.nonce) this.nonces.set(key, message);
    return messagePayload(body, channelId, message.id);
  }

  private guildOf(channelId: string): string | undefined {
    return this.guilds.find((g) => g.channelIds?.includes(channelId))?.id;
  }

  // ---- gateway ----

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.socketShard.delete(ws);
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    ws.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (packet.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      else if (packet.op === 2) this.onIdentify(ws, packet.d as { shard?: [number, number] });
      else if (packet.op === 6) ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
    });
  }

  private onIdentify(ws: WebSocket, identify: { shard?: [number, number] }): void {
    this.identified++;
    const shard = identify.shard ?? [0, 1];
    this.socketShard.set(ws, shard);
    const guilds = this.guilds.filter((g) => Number((BigInt(g.id) >> 22n) % BigInt(shard[1])) === shard[0]);
    const send = (t: string, d: unknown) => ws.send(JSON.stringify({ op: 0, t, s: ++this.sequence, d }));
    send('READY', {
      v: 10,
      user: BOT_USER,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: randomBytes(8).toString('hex'),
      resume_gateway_url: `ws://127.0.0.1:${this.port}`,
      application: { id: APPLICATION_ID, flags: 0 },
      shard,
    });
    for (const g of guilds) send('GUILD_CREATE', guildPayload(g));
  }

  // ---- REST ----

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\/api\/v\d+/, '');
    const text = Buffer.concat(chunks).toString('utf8');
    const call: RestCall = { method: req.method ?? 'GET', path, body: parseBody(text, req.headers['content-type']), at: Date.now() };
    this.calls.push(call);
    for (const waiter of [...this.waiters]) {
      if (waiter.test(call)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
    const custom = this.responders.map((r) => r(call)).find(Boolean) ?? this.rateLimit(call);
    const { status, body, headers } = custom ?? this.route(call);
    if (status === 204) {
      res.writeHead(204, headers).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body ?? {}));
  }

  /** Discord's global and per-channel message limits, as fixed and sliding windows. */
  private rateLimit(call: RestCall): Reply | undefined {
    if (!this.limits || call.path === '/gateway/bot') return undefined;
    const now = Date.now();
    const second = Math.floor(now / 1000);
    if (this.globalWindow.second !== second) this.globalWindow = { second, count: 0 };
    if (++this.globalWindow.count > this.limits.globalPerSecond) {
      this.rateLimited++;
      const retry = ((second + 1) * 1000 - now) / 1000;
      return { status: 429, body: { message: 'You are being rate limited.', retry_after: retry, global: true }, headers: { 'retry-after': String(Math.ceil(retry)), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' } };
    }
    const channel = call.method === 'POST' ? /^\/channels\/(\d+)\/messages$/.exec(call.path)?.[1] : undefined;
    if (!channel) return undefined;
    const { count, windowMs } = this.limits.channelMessages;
    const recent = (this.channelPosts.get(channel) ?? []).filter((t) => t > now - windowMs);
    if (recent.length >= count) {
      this.rateLimited++;
      const retry = (recent[0]! + windowMs - now) / 1000;
      return { status: 429, body: { message: 'You are being rate limited.', retry_after: retry, global: false }, headers: { 'retry-after': String(Math.ceil(retry)), 'x-ratelimit-limit': String(count), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(retry), 'x-ratelimit-bucket': `channel-${channel}`, 'x-ratelimit-scope': 'user' } };
    }
    recent.push(now);
    this.channelPosts.set(channel, recent);
    return undefined;
  }

  private route(call: RestCall): Reply {
    const { method, path, body } = call;
    if (method === 'GET' && path === '/gateway/bot') {
      return {
        status: 200,
        body: {
          url: `ws://127.0.0.1:${this.port}`,
          shards: this.shards,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    if (method === 'GET' && path === '/applications/@me') return { status: 200, body: { id: APPLICATION_ID, name: 'Syllabot', bot: BOT_USER } };
    if (method === 'GET' && path === '/users/@me') return { status: 200, body: BOT_USER };
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      return { status: 200, body: (body as object[]).map((c) => ({ ...c, id: snowflake(), application_id: APPLICATION_ID, version: snowflake() })) };
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return { status: 204 };
    const webhook = /^\/webhooks\/\d+\/[^/]+(\/messages\/(@original|\d+))?$/.exec(path);
    if (webhook) {
      if (method === 'DELETE') return { status: 204 };
      return { status: 200, body: messagePayload(body, 'webhook') };
    }
    const channelMessage = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && channelMessage) return { status: 200, body: this.createMessage(channelMessage[1]!, body) };
    const thread = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path);
    if (method === 'POST' && thread) {
      return { status: 201, body: { id: snowflake(), type: 11, parent_id: thread[1], name: body?.name, guild_id: this.guildOf(thread[1]!), owner_id: BOT_USER.id, thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false, archive_timestamp: new Date().toISOString() } } };
    }
    const events = /^\/guilds\/(\d+)\/scheduled-events(\/\d+)?$/.exec(path);
    if (events && method === 'POST') return { status: 200, body: { ...body, id: snowflake(), guild_id: events[1], status: 1, creator_id: BOT_USER.id } };
    if (events && method === 'DELETE') return { status: 204 };
    return { status: 404, body: { message: `stand-in has no route for ${method} ${path}`, code: 0 } };
  }
}

function parseBody(text: string, type: string | undefined): unknown {
  if (!text) return undefined;
  if (type?.includes('multipart/form-data')) {
    const json = /name="payload_json"[^\n]*\r?\n(?:[^\n]*\r?\n)*?\r?\n([\s\S]*?)\r?\n--/.exec(text);
    return json ? JSON.parse(json[1]!) : text;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function guildPayload(g: GuildSpec) {
  const channels = (g.channelIds ?? []).map((id, position) => ({
    id,
    type: 0,
    name: `study-${position}`,
    position,
    guild_id: g.id,
    permission_overwrites: g.deniedToBot?.[id] ? [{ id: BOT_USER.id, type: 1, allow: '0', deny: String(g.deniedToBot[id]) }] : [],
    parent_id: null,
    nsfw: false,
  }));
  const botRole = String(BigInt(g.id) + 1n);
  return {
    id: g.id,
    name: g.name ?? `Guild ${g.id}`,
    icon: null,
    owner_id: '100000000000000000',
    unavailable: false,
    large: false,
    joined_at: new Date(0).toISOString(),
    features: [],
    roles: [
      { id: g.id, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      { id: botRole, name: 'Syllabot', permissions: String(g.botPermissions ?? INVITE_PERMISSIONS), position: 1, color: 0, hoist: false, managed: true, mentionable: false, flags: 0 },
    ],
    channels,
    threads: [],
    members: [
      { user: BOT_USER, roles: [botRole], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 },
      ...Array.from({ length: g.memberCount ?? 0 }, (_, n) => ({
        user: { id: String(BigInt(g.id) * 1000n + BigInt(n)), username: `member${n}`, discriminator: '0', global_name: `Member ${n}`, avatar: null },
        roles: [],
        joined_at: new Date(0).toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      })),
    ],
    member_count: 1 + (g.memberCount ?? 0),
    voice_states: [],
    presences: [],
    emojis: [],
    stickers: [],
    stage_instances: [],
    guild_scheduled_events: [],
    premium_tier: 0,
    preferred_locale: 'en-US',
    system_channel_flags: 0,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
  };
}

function messagePayload(body: unknown, channelId: string, id = snowflake()) {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    id,
    channel_id: channelId === 'webhook' ? '0' : channelId,
    author: BOT_USER,
    content: b.content ?? '',
    embeds: b.embeds ?? [],
    components: b.components ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    type: 0,
    flags: b.flags ?? 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
  };
}
