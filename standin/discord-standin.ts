import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PermissionsBitField } from 'discord.js';
import { WebSocketServer, type WebSocket } from 'ws';
import { ATTACHMENT_LIMITS, checkAttachments, checkCallback, checkCommandList, checkMessage, checkScheduledEvent, checkThread, checkUnicode, isEmptyMessage, keptAttachments, uploadFilename } from './discord-rules.js';
import { ERRORS, FormErrors, type StandinReply } from './form-errors.js';
import { openApiValidator, type OpenApiValidator } from './openapi-validator.js';
import { flushPayloadStats, observe } from './payload-stats.js';

/**
 * A Discord stand-in on 127.0.0.1: the gateway (HELLO, IDENTIFY -> READY + GUILD_CREATE,
 * heartbeats, dispatches) and the REST routes the bot uses. The real discord.js client connects
 * to it through `rest: { api }`; every REST call is recorded so a test reads what a member saw.
 *
 * It refuses what Discord refuses, with Discord's status and JSON error: the documented limits of
 * messages, embeds, components, autocomplete, command registration, threads and scheduled events
 * (400 50035 Invalid Form Body, standin/discord-rules.ts); one answer per interaction within 3 s,
 * follow-ups and edits only after it, tokens for 15 minutes (40060, 10062, 10015, 10008); nonce
 * de-duplication for a few minutes; the bot's channel permissions (403 50001/50013); files (at most
 * 10, each within the size limit or 413 40005, `attachments[]` ids and `attachment://` names that
 * match an upload, Attach Files); invalid Unicode; and, with `validateBodies`, every body against
 * Discord's OpenAPI description (standin/openapi-validator.ts). A refused call is recorded too,
 * with its status and error.
 *
 * Bodies are JSON or multipart/form-data (what discord.js sends with files): the multipart body is
 * split on its boundary as bytes, `payload_json` becomes the call's `body` (so every rule and the
 * OpenAPI check apply to it) and each file part is kept, bytes intact, in the call's `files`.
 */

export const BOT_USER = { id: '900000000000000001', username: 'Syllabot', discriminator: '0', global_name: null, avatar: null, bot: true } as const;
export const APPLICATION_ID = '900000000000000002';
export const TOKEN = 'standin-token.not-a-real-secret';

/** A file part of a multipart/form-data request, bytes as sent. */
export interface UploadedFile {
  /** The form field, e.g. `files[0]` (what an `attachments[]` entry with id `0` refers to). */
  field: string;
  /** The filename of the part's Content-Disposition (empty when it had none). */
  filename: string;
  /** The part's Content-Type, when it had one. */
  contentType?: string;
  data: Buffer;
}

/** A file on a message the stand-in keeps (a channel message, an interaction reply, follow-up or edit). */
export interface StandinAttachment {
  /** The attachment's snowflake on the message (what an edit's `attachments[]` keeps it by). */
  id: string;
  /** Its name on the message: the `attachments[]` entry's filename, else the upload's. */
  filename: string;
  contentType?: string;
  data: Buffer;
}

export interface RestCall {
  method: string;
  path: string;
  /** The JSON body as sent; for multipart/form-data, the parsed `payload_json`. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- recorded JSON as sent
  /** The file parts of a multipart/form-data body, in order (none for a JSON body). */
  files: UploadedFile[];
  at: number;
  /** The query string, without `?` (empty when none). */
  query?: string;
  /** The HTTP status the stand-in answered (set before anyone waiting for the call hears of it). */
  status?: number;
  /** The JSON error answered when the call was refused (status 400 and above). */
  error?: { code: number; message: string; errors?: unknown };
}

export interface GuildSpec {
  id: string;
  name?: string;
  channelIds?: string[];
  /** How many members GUILD_CREATE carries besides the bot (default none). */
  memberCount?: number;
  /** Permission bits denied to the bot in a channel (a member overwrite), by channel id. */
  deniedToBot?: Record<string, bigint>;
  /** Permission bits granted to the bot in a channel (the same overwrite's allow), by channel id. */
  allowedToBot?: Record<string, bigint>;
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

export interface StandinOptions {
  /** The shard count GET /gateway/bot recommends (default 1). */
  shards?: number;
  /** Rate limits to enforce with 429s (default none). */
  limits?: RateLimits;
  /** Check every request body against Discord's OpenAPI description (default off; tests turn it on). */
  validateBodies?: boolean;
  /** Discord's idea of now, for interaction deadlines, token lifetimes, nonce windows and event times (default real time). */
  clock?: { now(): number };
  /** How long an enforce_nonce nonce is remembered (default 2 minutes; Discord says "a few minutes"). */
  nonceWindowMs?: number;
  /** How long after INTERACTION_CREATE the first answer is accepted (Discord: 3 s). */
  interactionDeadlineMs?: number;
  /** How long an interaction token takes follow-ups and edits (Discord: 15 minutes). */
  interactionTokenMs?: number;
  /** Another copy of the OpenAPI description (default: tests/fixtures/discord-api-spec/openapi.json). */
  specPath?: string;
}

/** A message the stand-in created in a channel (a nonce replay does not create another). */
export interface ChannelMessage {
  id: string;
  channelId: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON as sent (an edit merges into it)
  /** Its files, bytes as uploaded (an edit may keep, drop or add some). */
  attachments: StandinAttachment[];
}

/** View Channel, Send Messages, Embed Links, Attach Files, Read Message History, Create Public Threads, Send Messages in Threads, Manage Events: the README's invite link */
export const INVITE_PERMISSIONS = 317827697664n;

/** The `app_permissions` an interaction carries in a channel no fixture declares (what the stand-in always sent before). */
export const UNDECLARED_APP_PERMISSIONS = 2248473465835073n;

/** The `attachment_size_limit` Discord sends with every interaction (bytes per file; 10 MiB without boosts or Nitro). */
export const ATTACHMENT_SIZE_LIMIT = ATTACHMENT_LIMITS.fileSize;

export const PERMISSION = {
  administrator: 1n << 3n,
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  embedLinks: 1n << 14n,
  attachFiles: 1n << 15n,
  readMessageHistory: 1n << 16n,
  manageEvents: 1n << 33n,
  createPublicThreads: 1n << 35n,
  createEvents: 1n << 44n,
} as const;

export interface InteractionOptions {
  guildId: string;
  userId: string;
  channelId?: string;
  /** Reuse an id to simulate a duplicate delivery of the same interaction. */
  id?: string;
  /** Member permissions bitfield as a string (default: none beyond the basics). */
  permissions?: string;
}

type Reply = StandinReply;
type Responder = (call: RestCall) => Reply | undefined;

/** A moment on both clocks: real time (the bot's latency) and the stand-in's clock (tests move it). */
interface Stamp {
  real: number;
  clock: number;
}

/** An interaction the stand-in sent, and what the bot has done with it. */
interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  channelId: string;
  sent: Stamp;
  /** The callback type of the accepted answer, once there is one. */
  answer?: number;
  /** The bot's permissions in the interaction's channel, as `app_permissions` told it. */
  appPermissions: bigint;
  /** Bytes per file, as `attachment_size_limit` told it. */
  attachmentSizeLimit: number;
  /** The files on @original (the reply, or the edit of a deferral). */
  original: StandinAttachment[];
  /** Accepted follow-ups (editable through the token), by message id, with their files. */
  followups: Map<string, StandinAttachment[]>;
}

let snowflakeCounter = 0n;
export function snowflake(): string {
  snowflakeCounter += 1n;
  return String((BigInt(Date.now() - 1420070400000) << 22n) + (snowflakeCounter % 4096n));
}

const MINUTE = 60_000;

export class DiscordStandin {
  readonly calls: RestCall[] = [];
  readonly messages: ChannelMessage[] = [];
  private readonly nonces = new Map<string, { message: ChannelMessage; at: Stamp }>();
  private readonly threads = new Map<string, string>();
  private readonly events = new Map<string, string>();
  private readonly interactions = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();
  private server!: Server;
  private wss!: WebSocketServer;
  private sockets = new Set<WebSocket>();
  private sequence = 0;
  private waiters: Array<{ test: (c: RestCall) => boolean; resolve: (c: RestCall) => void }> = [];
  private responders: Responder[] = [];
  private readonly guilds: GuildSpec[];
  private readonly options: StandinOptions;
  private validator?: OpenApiValidator;
  port = 0;
  identified = 0;

  /** The shard count GET /gateway/bot recommends. */
  readonly shards: number;
  /** Discord's now for the time rules; a test may swap in its own clock at any time. */
  clock: { now(): number };
  /** Check request bodies against Discord's OpenAPI description. */
  validateBodies: boolean;
  nonceWindowMs: number;

  private readonly socketShard = new Map<WebSocket, [number, number]>();

  /** 429 answers sent (rate limits enforced when `limits` is given). */
  rateLimited = 0;
  private globalWindow = { second: 0, count: 0 };
  private readonly channelPosts = new Map<string, number[]>();
  private readonly limits?: RateLimits;

  /** `new DiscordStandin(guilds, { validateBodies: true, … })`; the older `(guilds, shards, limits)` still works. */
  constructor(guilds: GuildSpec[], options: StandinOptions | number = {}, limits?: RateLimits) {
    this.guilds = guilds;
    this.options = typeof options === 'number' ? { shards: options, limits } : { limits, ...options };
    this.shards = this.options.shards ?? 1;
    this.limits = this.options.limits;
    this.clock = this.options.clock ?? { now: () => Date.now() };
    this.validateBodies = this.options.validateBodies ?? false;
    this.nonceWindowMs = this.options.nonceWindowMs ?? 2 * MINUTE;
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
    flushPayloadStats();
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

  /** Calls the stand-in refused (status 400 and above), oldest first: what Discord would have refused. */
  refused(): RestCall[] {
    return this.calls.filter((c) => (c.status ?? 0) >= 400);
  }

  /** Waits until the bot's gateway connection has identified (count times in all). */
  async waitForIdentify(count = 1, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.identified < count) {
      if (Date.now() > deadline) throw new Error('the bot never identified on the gateway');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Sends INTERACTION_CREATE on the connection of the shard that owns the guild, as Discord does,
   * and opens the interaction: one answer within 3 s, then follow-ups for 15 minutes. Sending the
   * same id again is a duplicate delivery of the same interaction (it still takes one answer).
   */
  dispatchInteraction(sent: Record<string, unknown>): void {
    const id = String(sent.id);
    const channelId = String(sent.channel_id ?? '0');
    // Discord sends both on every interaction; a test that leaves them out gets what Discord would send.
    const payload: Record<string, unknown> = { app_permissions: String(this.appPermissionsIn(channelId)), attachment_size_limit: ATTACHMENT_SIZE_LIMIT, ...sent };
    if (!this.interactions.has(id)) {
      this.forgetOldInteractions();
      const record: InteractionRecord = {
        id,
        token: String(payload.token),
        type: Number(payload.type),
        channelId,
        sent: this.stamp(),
        appPermissions: toBigInt(payload.app_permissions) ?? this.appPermissionsIn(channelId),
        attachmentSizeLimit: Number(payload.attachment_size_limit) || ATTACHMENT_SIZE_LIMIT,
        original: [],
        followups: new Map(),
      };
      this.interactions.set(id, record);
      this.byToken.set(record.token, record);
    }
    const guild = BigInt(String(payload.guild_id));
    const owner = [...this.sockets].find((ws) => {
      const [shard, count] = this.socketShard.get(ws) ?? [0, 1];
      return Number((guild >> 22n) % BigInt(count)) === shard;
    });
    const message = JSON.stringify({ op: 0, t: 'INTERACTION_CREATE', s: ++this.sequence, d: payload });
    for (const ws of owner ? [owner] : this.sockets) ws.send(message);
  }

  dispatch(event: string, data: unknown): void {
    const message = JSON.stringify({ op: 0, t: event, s: ++this.sequence, d: data });
    for (const ws of this.sockets) ws.send(message);
  }

  /** Forgets recorded calls, messages, nonces, threads and events (between tests sharing one stand-in). */
  reset(): void {
    this.calls.length = 0;
    this.messages.length = 0;
    this.nonces.clear();
    this.threads.clear();
    this.events.clear();
  }

  /** Messages created in a channel, oldest first. */
  channelMessages(channelId: string): ChannelMessage[] {
    return this.messages.filter((m) => m.channelId === channelId);
  }

  /** What the bot may do in a channel: its role's permissions with the channel's overwrite (undefined: a channel no fixture declares). */
  botPermissionsIn(channelId: string): bigint | undefined {
    const guild = this.guilds.find((g) => g.channelIds?.includes(channelId));
    if (!guild) return undefined;
    const base = guild.botPermissions ?? INVITE_PERMISSIONS;
    if (base & PERMISSION.administrator) return ~0n;
    return (base & ~(guild.deniedToBot?.[channelId] ?? 0n)) | (guild.allowedToBot?.[channelId] ?? 0n);
  }

  /**
   * The `app_permissions` of an interaction in a channel: the bot's permissions there (every
   * permission for an administrator), or the fixed value the stand-in always sent for a channel no
   * fixture declares.
   */
  appPermissionsIn(channelId: string): bigint {
    const has = this.botPermissionsIn(channelId);
    if (has === undefined) return UNDECLARED_APP_PERMISSIONS;
    return has & PERMISSION.administrator ? PermissionsBitField.All : has;
  }

  private stamp(): Stamp {
    return { real: Date.now(), clock: this.clock.now() };
  }

  /** Time since a stamp: the longer of real time and the stand-in's clock (a test may move either). */
  private since(stamp: Stamp): number {
    return Math.max(Date.now() - stamp.real, this.clock.now() - stamp.clock);
  }

  private forgetOldInteractions(): void {
    const lifetime = this.options.interactionTokenMs ?? 15 * MINUTE;
    for (const [id, record] of this.interactions) {
      if (Date.now() - record.sent.real <= lifetime + MINUTE) break; // oldest first: the rest are younger
      this.interactions.delete(id);
      this.byToken.delete(record.token);
    }
  }

  /**
   * Like Discord with enforce_nonce: the same nonce in a channel within the nonce window returns
   * the first message instead of creating another; after the window it is a new message.
   */
  private createMessage(channelId: string, body: any, files: UploadedFile[]): object { // eslint-disable-line @typescript-eslint/no-explicit-any
    const dedupe = Boolean(body?.enforce_nonce && body?.nonce !== undefined && body?.nonce !== null);
    const key = `${channelId}:${body?.nonce}`;
    const earlier = dedupe ? this.nonces.get(key) : undefined;
    if (earlier && this.since(earlier.at) <= this.nonceWindowMs) return this.withThread(messagePayload(earlier.message.body, channelId, earlier.message.id, earlier.message.attachments));
    const message: ChannelMessage = { id: snowflake(), channelId, body, attachments: attachmentsAfter(body, files, []) };
    this.messages.push(message);
    if (dedupe) this.nonces.set(key, { message, at: this.stamp() });
    return messagePayload(body, channelId, message.id, message.attachments);
  }

  /** A message that started a thread carries it (as Discord's message object does). */
  private withThread<M extends { id: string; channel_id: string }>(message: M): M & { thread?: object } {
    const thread = this.threads.get(message.id);
    return thread ? { ...message, thread: { id: thread, type: 11, parent_id: message.channel_id, guild_id: this.guildOf(message.channel_id) } } : message;
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
    // discord.js escapes path segments (`@original` arrives as `%40original`); Discord routes the decoded path.
    const path = safeDecode(url.pathname).replace(/^\/api\/v\d+/, '');
    const raw = Buffer.concat(chunks);
    const parsed = parseBody(raw, req.headers['content-type']);
    const call: RestCall = { method: req.method ?? 'GET', path, body: parsed.body, files: parsed.files, at: Date.now(), query: url.search.slice(1) };
    this.calls.push(call);
    const custom = this.responders.map((r) => r(call)).find(Boolean) ?? this.rateLimit(call);
    const { status, body, headers } = custom ?? this.answer(call, parsed);
    call.status = status;
    observe(call);
    if (status >= 400 && body && typeof body === 'object') call.error = body as RestCall['error'];
    if (status >= 400 && !custom && process.env.STANDIN_LOG_REFUSED) console.warn(`stand-in refused ${call.method} ${call.path} ${status} ${JSON.stringify(body)}\n  body: ${JSON.stringify(call.body)?.slice(0, 2000)}`);
    for (const waiter of [...this.waiters]) {
      if (waiter.test(call)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
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

  /** Checks that apply to every body (valid UTF-8 and Unicode, the OpenAPI schema), then the route. */
  private answer(call: RestCall, parsed: ParsedBody): Reply {
    // The JSON (or payload_json and the other text fields) must be UTF-8; file bytes are anything.
    if (parsed.malformed || parsed.text.some((bytes) => bytes.length && !isUtf8(bytes))) return ERRORS.invalidJson();
    const errors = new FormErrors();
    if (call.body !== undefined) checkUnicode(call.body, errors);
    if (this.validateBodies && ['POST', 'PUT', 'PATCH'].includes(call.method) && typeof call.body !== 'string') {
      this.validator ??= openApiValidator(this.options.specPath);
      this.validator.check(call.method, call.path, call.body, errors);
    }
    return errors.reply() ?? this.route(call, errors);
  }

  private route(call: RestCall, errors: FormErrors): Reply {
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
      checkCommandList(body, errors);
      return errors.reply() ?? { status: 200, body: (body as object[]).map((c) => ({ ...c, id: snowflake(), application_id: APPLICATION_ID, version: snowflake() })) };
    }
    const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (method === 'POST' && callback) return this.interactionCallback(callback[1]!, callback[2]!, call, errors);
    const webhook = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path);
    if (webhook) return this.interactionWebhook(method, webhook[1]!, webhook[2]!, webhook[3], call, errors);
    const channelMessage = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'GET' && channelMessage) return this.listMessages(channelMessage[1]!, new URLSearchParams(call.query ?? ''));
    if (method === 'POST' && channelMessage) {
      const channelId = channelMessage[1]!;
      const refused = this.refusePermissions(channelId, PERMISSION.sendMessages | (body?.embeds?.length ? PERMISSION.embedLinks : 0n) | (call.files.length ? PERMISSION.attachFiles : 0n));
      if (refused) return refused;
      const tooLarge = refuseOversize(call.files, ATTACHMENT_SIZE_LIMIT);
      if (tooLarge) return tooLarge;
      checkMessage(body, errors);
      checkAttachments(body, call.files, [], errors);
      if (!errors.empty) return errors.reply()!;
      if (isEmptyMessage(body, call.files.length)) return ERRORS.emptyMessage();
      return { status: 200, body: this.createMessage(channelId, body, call.files) };
    }
    const editMessage = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (method === 'PATCH' && editMessage) return this.editChannelMessage(editMessage[1]!, editMessage[2]!, call, errors);
    const thread = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path);
    if (method === 'POST' && thread) {
      const [, channelId, messageId] = thread as unknown as [string, string, string];
      const refused = this.refusePermissions(channelId, PERMISSION.createPublicThreads);
      if (refused) return refused;
      checkThread(body, errors);
      if (!errors.empty) return errors.reply()!;
      if (this.threads.has(messageId)) return ERRORS.threadExists();
      const id = snowflake();
      this.threads.set(messageId, id);
      return { status: 201, body: { id, type: 11, parent_id: channelId, name: body?.name, guild_id: this.guildOf(channelId), owner_id: BOT_USER.id, thread_metadata: { archived: false, auto_archive_duration: body?.auto_archive_duration ?? 1440, locked: false, archive_timestamp: new Date().toISOString() } } };
    }
    const events = /^\/guilds\/(\d+)\/scheduled-events(?:\/(\d+))?$/.exec(path);
    if (events) {
      const guild = this.guilds.find((g) => g.id === events[1]);
      const may = guild ? (guild.botPermissions ?? INVITE_PERMISSIONS) & (PERMISSION.administrator | PERMISSION.manageEvents | PERMISSION.createEvents) : 1n;
      if (!may && (method === 'POST' || method === 'PATCH' || method === 'DELETE')) return ERRORS.missingPermissions();
      if (method === 'POST' && !events[2]) {
        checkScheduledEvent(body, this.clock.now(), errors);
        if (!errors.empty) return errors.reply()!;
        const id = snowflake();
        this.events.set(id, events[1]!);
        return { status: 200, body: { ...body, id, guild_id: events[1], status: 1, creator_id: BOT_USER.id } };
      }
      if (method === 'DELETE' && events[2]) {
        if (!this.events.delete(events[2])) return { status: 404, body: { code: 10070, message: 'Unknown Guild Scheduled Event' } };
        return { status: 204 };
      }
    }
    return { status: 404, body: { message: `stand-in has no route for ${method} ${path}`, code: 0 } };
  }

  /** GET /channels/:id/messages: the newest first, at most `limit` (1–100, default 50); none without Read Message History. */
  private listMessages(channelId: string, query: URLSearchParams): Reply {
    const limit = query.has('limit') ? Number(query.get('limit')) : 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return new FormErrors().add(['limit'], 'NUMBER_TYPE_MAX', 'int value should be between 1 and 100.').reply()!;
    const has = this.botPermissionsIn(channelId);
    if (has !== undefined && !(has & PERMISSION.viewChannel)) return ERRORS.missingAccess();
    if (has !== undefined && !(has & PERMISSION.readMessageHistory)) return { status: 200, body: [] };
    const newest = this.channelMessages(channelId).slice(-limit).reverse();
    return { status: 200, body: newest.map((m) => this.withThread(messagePayload(m.body, channelId, m.id, m.attachments))) };
  }

  /** 403 when the bot may not see the channel (50001) or lacks a permission there (50013). */
  private refusePermissions(channelId: string, needed: bigint): Reply | undefined {
    const has = this.botPermissionsIn(channelId);
    if (has === undefined) return undefined;
    if (!(has & PERMISSION.viewChannel)) return ERRORS.missingAccess();
    if ((has & needed) !== needed) return ERRORS.missingPermissions();
    return undefined;
  }

  /** PATCH /channels/:id/messages/:id: the bot edits a message it posted (new files need Attach Files). */
  private editChannelMessage(channelId: string, messageId: string, call: RestCall, errors: FormErrors): Reply {
    const { body, files } = call;
    const message = this.messages.find((m) => m.id === messageId && m.channelId === channelId);
    const refused = this.refusePermissions(channelId, (body?.embeds?.length ? PERMISSION.embedLinks : 0n) | (files.length ? PERMISSION.attachFiles : 0n));
    if (refused) return refused;
    if (!message) return ERRORS.unknownMessage();
    const tooLarge = refuseOversize(files, ATTACHMENT_SIZE_LIMIT);
    if (tooLarge) return tooLarge;
    checkMessage(body, errors);
    checkAttachments(body, files, message.attachments, errors);
    if (!errors.empty) return errors.reply()!;
    message.attachments = attachmentsAfter(body, files, message.attachments);
    message.body = { ...message.body, ...(body && typeof body === 'object' ? body : {}) };
    return { status: 200, body: this.withThread({ ...messagePayload(message.body, channelId, message.id, message.attachments), edited_timestamp: new Date().toISOString() }) };
  }

  /**
   * Files in an answer, follow-up or edit through an interaction: the interaction's
   * `attachment_size_limit` (413 40005), then Attach Files in `app_permissions` (403 50013).
   *
   * The permission is modelled conservatively: Discord documents `app_permissions` as what the app
   * may do in the channel, and the stand-in refuses every interaction message that carries files
   * when it lacks Attach Files. So the bot must check `interaction.appPermissions` before it
   * attaches a file (and say so in words instead), never assume the upload goes through.
   */
  private refuseInteractionFiles(record: InteractionRecord, files: UploadedFile[]): Reply | undefined {
    if (!files.length) return undefined;
    if (!(record.appPermissions & PERMISSION.attachFiles)) return ERRORS.missingPermissions();
    return refuseOversize(files, record.attachmentSizeLimit);
  }

  /** The first (and only) answer to an interaction, within the deadline. */
  private interactionCallback(id: string, token: string, call: RestCall, errors: FormErrors): Reply {
    const { body, files } = call;
    const record = this.interactions.get(id);
    if (!record || record.token !== token) return ERRORS.unknownInteraction();
    if (record.answer !== undefined) return ERRORS.alreadyAcknowledged();
    if (this.since(record.sent) > (this.options.interactionDeadlineMs ?? 3_000)) return ERRORS.unknownInteraction();
    const message = body?.type === 4 || body?.type === 7;
    if (message) {
      const refused = this.refuseInteractionFiles(record, files);
      if (refused) return refused;
    }
    checkCallback(body, record.type, errors);
    if (message) checkAttachments(body.data, files, [], errors, ['data']);
    if (!errors.empty) return errors.reply()!;
    if (body.type === 4 && isEmptyMessage(body.data, files.length)) return ERRORS.emptyMessage();
    record.answer = body.type;
    if (message) record.original = attachmentsAfter(body.data, files, []);
    return { status: 204 };
  }

  /** Follow-ups and edits through an interaction's token: after the first answer, for 15 minutes. */
  private interactionWebhook(method: string, app: string, token: string, message: string | undefined, call: RestCall, errors: FormErrors): Reply {
    const { body, files } = call;
    const record = this.byToken.get(token);
    if (app !== APPLICATION_ID || !record) return ERRORS.unknownWebhook();
    if (this.since(record.sent) > (this.options.interactionTokenMs ?? 15 * MINUTE)) return ERRORS.unknownWebhook();
    // An autocomplete result (8) or a modal (9) opens no message to follow up or edit.
    const opened = record.answer !== undefined && record.answer !== 8 && record.answer !== 9;
    if (!message) {
      if (method !== 'POST') return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
      if (!opened) return ERRORS.unknownWebhook();
      const refused = this.refuseInteractionFiles(record, files);
      if (refused) return refused;
      checkMessage(body, errors);
      checkAttachments(body, files, [], errors);
      if (!errors.empty) return errors.reply()!;
      if (isEmptyMessage(body, files.length)) return ERRORS.emptyMessage();
      const id = snowflake();
      const attachments = attachmentsAfter(body, files, []);
      record.followups.set(id, attachments);
      return { status: 200, body: messagePayload(body, record.channelId, id, attachments) };
    }
    if (!opened || (message !== '@original' && !record.followups.has(message))) return ERRORS.unknownMessage();
    if (method === 'DELETE') return { status: 204 };
    const existing = (message === '@original' ? record.original : record.followups.get(message)) ?? [];
    let attachments = existing;
    if (method === 'PATCH') {
      const refused = this.refuseInteractionFiles(record, files);
      if (refused) return refused;
      checkMessage(body, errors);
      checkAttachments(body, files, existing, errors);
      if (!errors.empty) return errors.reply()!;
      attachments = attachmentsAfter(body, files, existing);
      if (message === '@original') record.original = attachments;
      else record.followups.set(message, attachments);
    }
    return { status: 200, body: messagePayload(body, record.channelId, message === '@original' ? record.id : message, attachments) };
  }
}

/** 413 40005 when a file is over the limit (bytes per file). */
function refuseOversize(files: UploadedFile[], limit: number): Reply | undefined {
  return files.some((f) => f.data.length > limit) ? ERRORS.entityTooLarge() : undefined;
}

/** The files a message has after a create or edit: those `attachments[]` keeps, then the new uploads (each with an id of its own). */
function attachmentsAfter(body: unknown, files: UploadedFile[], existing: StandinAttachment[]): StandinAttachment[] {
  const uploaded = files.map((f) => ({ id: snowflake(), filename: uploadFilename(body, f), ...(f.contentType ? { contentType: f.contentType } : {}), data: f.data }));
  return [...keptAttachments(body, existing), ...uploaded];
}

function toBigInt(value: unknown): bigint | undefined {
  try {
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? BigInt(value) : undefined;
  } catch {
    return undefined;
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function isUtf8(raw: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(raw);
    return true;
  } catch {
    return false;
  }
}

/** A request body: the JSON (payload_json for multipart), the files, and the bytes that must be UTF-8. */
interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
  /** The JSON text, or the text fields of a multipart body (payload_json among them). */
  text: Buffer[];
  /** A multipart body that does not split on its boundary. */
  malformed?: boolean;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function parseBody(raw: Buffer, type: string | undefined): ParsedBody {
  if (!raw.length) return { body: undefined, files: [], text: [] };
  if (!/^multipart\/form-data/i.test(type ?? '')) return { body: parseJson(raw.toString('utf8')), files: [], text: [raw] };
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type ?? '');
  const parts = boundary ? splitMultipart(raw, boundary[1] ?? boundary[2]!) : undefined;
  if (!parts) return { body: undefined, files: [], text: [], malformed: true };
  const files: UploadedFile[] = [];
  const text: Buffer[] = [];
  const fields: Record<string, unknown> = {};
  let payload: unknown;
  for (const part of parts) {
    if (part.filename !== undefined || /^files\[\d+\]$/.test(part.name)) {
      files.push({ field: part.name, filename: part.filename ?? '', ...(part.contentType ? { contentType: part.contentType } : {}), data: part.data });
      continue;
    }
    text.push(part.data);
    if (part.name === 'payload_json') payload = parseJson(part.data.toString('utf8'));
    else fields[part.name] = part.data.toString('utf8');
  }
  // Without payload_json, Discord reads the body's fields from the form fields themselves.
  const body = payload !== undefined ? payload : Object.keys(fields).length ? fields : undefined;
  return { body, files, text };
}

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/**
 * Splits a multipart/form-data body on its boundary (RFC 7578), as bytes: a file's data is kept
 * exactly as sent, whatever it holds. Undefined when the body does not end with the closing
 * boundary or a part has no header block.
 */
function splitMultipart(raw: Buffer, boundary: string): Part[] | undefined {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter may open the body without the CRLF before it.
  const body = Buffer.concat([Buffer.from('\r\n'), raw]);
  let at = body.indexOf(delimiter);
  if (at < 0) return undefined;
  const parts: Part[] = [];
  for (;;) {
    at += delimiter.length;
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts; // "--": the closing delimiter
    const lineEnd = body.indexOf('\r\n', at); // after the delimiter: optional whitespace, then CRLF
    if (lineEnd < 0) return undefined;
    const headersStart = lineEnd + 2;
    const headersEnd = body.subarray(headersStart, headersStart + 2).equals(Buffer.from('\r\n')) ? headersStart : body.indexOf('\r\n\r\n', headersStart);
    if (headersEnd < 0) return undefined;
    const dataStart = headersEnd === headersStart ? headersStart + 2 : headersEnd + 4;
    const next = body.indexOf(delimiter, dataStart);
    if (next < 0) return undefined;
    const headers = body.subarray(headersStart, headersEnd).toString('utf8').split('\r\n');
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
    const contentType = headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, '').trim();
    const name = headerParam(disposition, 'name');
    if (name === undefined) return undefined;
    parts.push({ name, filename: headerParam(disposition, 'filename'), ...(contentType ? { contentType } : {}), data: Buffer.from(body.subarray(dataStart, next)) });
    at = next;
  }
}

/** A Content-Disposition parameter: quoted (with the %22, %0D, %0A escapes browsers and undici use) or a bare token. */
function headerParam(header: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(header);
  if (!match) return undefined;
  if (match[1] === undefined) return match[2];
  return match[1].replace(/\\(.)/g, '$1').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}

export function guildPayload(g: GuildSpec) {
  const channels = (g.channelIds ?? []).map((id, position) => ({
    id,
    type: 0,
    name: `study-${position}`,
    position,
    guild_id: g.id,
    permission_overwrites: g.deniedToBot?.[id] || g.allowedToBot?.[id] ? [{ id: BOT_USER.id, type: 1, allow: String(g.allowedToBot?.[id] ?? 0n), deny: String(g.deniedToBot?.[id] ?? 0n) }] : [],
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

/** An attachment as Discord's message object carries it. */
function attachmentPayload(channelId: string, a: StandinAttachment) {
  const path = `attachments/${channelId}/${a.id}/${encodeURIComponent(a.filename)}`;
  return { id: a.id, filename: a.filename, size: a.data.length, url: `https://cdn.discordapp.com/${path}`, proxy_url: `https://media.discordapp.net/${path}`, ...(a.contentType ? { content_type: a.contentType } : {}) };
}

/** Embeds as Discord returns them: an `attachment://<name>` image or thumbnail points at the attachment's URL. */
function resolvedEmbeds(embeds: unknown, attachments: Array<{ filename: string; url: string }>): unknown {
  if (!Array.isArray(embeds) || !attachments.length) return embeds;
  const resolve = (media: unknown) => {
    const url = (media as { url?: unknown } | undefined)?.url;
    if (typeof url !== 'string' || !url.startsWith('attachment://')) return media;
    const found = attachments.find((a) => a.filename === url.slice('attachment://'.length));
    return found ? { ...(media as object), url: found.url } : media;
  };
  return embeds.map((e) => (e && typeof e === 'object' ? { ...e, ...('image' in e ? { image: resolve(e.image) } : {}), ...('thumbnail' in e ? { thumbnail: resolve(e.thumbnail) } : {}) } : e));
}

function messagePayload(body: unknown, channelId: string, id = snowflake(), files: StandinAttachment[] = []) {
  const b = (body ?? {}) as Record<string, unknown>;
  const attachments = files.map((a) => attachmentPayload(channelId, a));
  return {
    id,
    channel_id: channelId,
    author: BOT_USER,
    content: b.content ?? '',
    embeds: resolvedEmbeds(b.embeds, attachments) ?? [],
    components: b.components ?? [],
    attachments,
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
