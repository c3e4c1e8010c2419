import { once } from 'node:events';
import { createServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { APPLICATION_ID, BOT_USER, guildPayload, INVITE_PERMISSIONS, type DiscordStandin, type GuildSpec } from '../standin/discord-standin.js';
import { Member } from '../standin/member.js';
import { serve } from './ipc.js';
import { profilingHandlers } from './profiling.js';
import { GUILDS, MEMBERS_PER_GUILD, type Expect, type RunArgs, type RunResult } from './world.js';

/**
 * The load driver, in a process of its own. It plays Discord for the bots: one world per bot (a
 * gateway WebSocket and the REST routes a bot answering interactions uses, on 127.0.0.1), and when
 * the orchestrator asks it sends interactions as members would and times the answers. Closed loop:
 * `inFlight` interactions are outstanding at every moment; each answer (the bot's POST to the
 * interaction callback route) sends the next one.
 *
 * Why not standin/discord-standin.ts itself: it records and checks every call for tests, and per
 * interaction that cost about as much CPU as a bare discord.js bot spends answering, so the
 * driver's ceiling came too close to the bots it measures (1,100–3,000/s against bare bots at up
 * to 3,000/s). This world is the same (READY and GUILD_CREATE come from the stand-in's own
 * fixture, each interaction is the payload standin/member.ts sends) but does only what a run
 * needs: interactions are serialised before the clock starts, frames that are due together go out
 * in one write, REST is read off the socket without node:http, and an answer costs one map lookup
 * (plus a JSON.parse when the run checks its shape). Calls to any other route are counted and
 * answered 404, and a run that saw any reports them.
 */

const guildId = (n: number) => String(220000000000000000n + BigInt(n) * 4194304n);
const channelId = (n: number) => String(320000000000000000n + BigInt(n));
const guilds: GuildSpec[] = Array.from({ length: GUILDS }, (_, n) => ({ id: guildId(n), channelIds: [channelId(n)], memberCount: MEMBERS_PER_GUILD }));

/** The INTERACTION_CREATE payload standin/member.ts sends for `/command` by member `index` (guild index % GUILDS). */
function interaction(index: number, command: string, id: string): Record<string, unknown> {
  const g = index % GUILDS;
  const user = String(BigInt(guildId(g)) * 1000n + BigInt(Math.floor(index / GUILDS)));
  let payload: Record<string, unknown> | undefined;
  // The bot's permissions in the channel are what its invite gives (the bench's guilds declare no overwrites).
  const capture = { dispatchInteraction: (p: Record<string, unknown>) => (payload = p), appPermissionsIn: () => INVITE_PERMISSIONS } as unknown as DiscordStandin;
  new Member(capture, guildId(g), user, channelId(g)).run(command, {}, id);
  return payload!;
}

class World {
  /** REST, as raw HTTP/1.1 on TCP: see `onRest`. */
  private readonly rest = createNetServer((socket) => this.onRestSocket(socket));
  /** The gateway: a WebSocket server on a port of its own, named by GET /gateway/bot. */
  private readonly gateway = createServer((_, res) => res.writeHead(426).end());
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly restSockets = new Set<Socket>();
  private socket?: WebSocket;
  private sequence = 0;
  private restPort = 0;
  private gatewayPort = 0;
  /** Answers (callback POSTs) go here while a run is on; the body is raw bytes as latin1 text. */
  onAnswer?: (id: string, body: string) => void;
  /** Calls to routes this world does not serve, by "METHOD path". */
  readonly otherCalls = new Map<string, number>();

  constructor() {
    this.gateway.on('upgrade', (req, socket, head) => this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws)));
  }

  async start(): Promise<this> {
    this.rest.listen(0, '127.0.0.1');
    this.gateway.listen(0, '127.0.0.1');
    await Promise.all([once(this.rest, 'listening'), once(this.gateway, 'listening')]);
    this.restPort = (this.rest.address() as AddressInfo).port;
    this.gatewayPort = (this.gateway.address() as AddressInfo).port;
    return this;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.restPort}/api`;
  }

  async stop(): Promise<void> {
    this.socket?.terminate();
    this.wss.close();
    for (const socket of this.restSockets) socket.destroy();
    this.gateway.closeAllConnections();
    await Promise.all([new Promise((resolve) => this.rest.close(resolve)), new Promise((resolve) => this.gateway.close(resolve))]);
  }

  /** INTERACTION_CREATE frames for a run, serialised before its clock starts. */
  frames(payloads: Array<Record<string, unknown>>): string[] {
    return payloads.map((d) => JSON.stringify({ op: 0, t: 'INTERACTION_CREATE', s: ++this.sequence, d }));
  }

  private readonly outbox: string[] = [];

  /**
   * Queues a frame; queued frames go out together once this turn of the event loop is over, in one
   * write to the socket (corked), rather than a system call each: answers that arrived together are
   * followed by their next interactions together.
   */
  send(frame: string): void {
    if (!this.socket) throw new Error('no bot is connected to this world');
    if (this.outbox.push(frame) === 1) setImmediate(this.flush);
  }

  private readonly flush = () => {
    const ws = this.socket!;
    const raw = (ws as unknown as { _socket: Socket })._socket; // ws keeps its net.Socket here
    raw.cork();
    for (const frame of this.outbox) ws.send(frame);
    raw.uncork();
    this.outbox.length = 0;
  };

  /**
   * REST without node:http: a request is read off the socket by hand (request line, Content-Length,
   * body) and answered with a fixed response. Node's HTTP server cost the driver about a third of
   * its CPU per interaction, which is headroom the ceiling needs. Requests are what discord.js and
   * the responder send: HTTP/1.1, keep-alive, bodies with a Content-Length (chunked bodies are
   * answered 411 and counted as a call the driver does not serve).
   */
  private onRestSocket(socket: Socket): void {
    this.restSockets.add(socket);
    socket.setNoDelay(true);
    socket.setEncoding('latin1');
    socket.on('error', () => undefined);
    socket.on('close', () => this.restSockets.delete(socket));
    let buffered = '';
    socket.on('data', (chunk: string) => {
      buffered = buffered ? buffered + chunk : chunk;
      for (;;) {
        const headEnd = buffered.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const head = buffered.slice(0, headEnd);
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < headEnd + 4 + length) return;
        const body = buffered.slice(headEnd + 4, headEnd + 4 + length);
        buffered = buffered.slice(headEnd + 4 + length);
        const line = head.slice(0, head.indexOf('\r\n'));
        const [method = '', target = '/'] = line.split(' ');
        if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
          this.other(method, target);
          socket.write('HTTP/1.1 411 Length Required\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
          socket.end();
          return;
        }
        socket.write(this.onRest(method, target, body));
      }
    });
  }

  /** One REST request: the response to write. */
  private onRest(method: string, target: string, body: string): string {
    const query = target.indexOf('?');
    const path = (query < 0 ? target : target.slice(0, query)).replace(/^\/api\/v\d+/, '');
    if (method === 'POST' && path.startsWith('/interactions/') && path.endsWith('/callback')) {
      this.onAnswer?.(path.split('/')[2]!, body);
      return 'HTTP/1.1 204 No Content\r\n\r\n';
    }
    if (method === 'GET' && path === '/gateway/bot') {
      return json(200, { url: `ws://127.0.0.1:${this.gatewayPort}`, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } });
    }
    if (method === 'GET' && path === '/users/@me') return json(200, BOT_USER);
    if (method === 'GET' && path === '/applications/@me') return json(200, { id: APPLICATION_ID, name: 'Syllabot', bot: BOT_USER });
    this.other(method, path);
    return json(404, { message: `the bench driver has no route for ${method} ${path}`, code: 0 });
  }

  private other(method: string, path: string): void {
    const key = `${method} ${path.replace(/\d{17,20}/g, ':id')}`;
    this.otherCalls.set(key, (this.otherCalls.get(key) ?? 0) + 1);
  }

  private onSocket(ws: WebSocket): void {
    this.socket?.terminate();
    this.socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    ws.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number };
      if (packet.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      else if (packet.op === 2) this.onIdentify(ws);
      else if (packet.op === 6) ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
    });
  }

  private onIdentify(ws: WebSocket): void {
    const send = (t: string, d: unknown) => ws.send(JSON.stringify({ op: 0, t, s: ++this.sequence, d }));
    send('READY', {
      v: 10,
      user: BOT_USER,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: `bench${this.gatewayPort}`,
      resume_gateway_url: `ws://127.0.0.1:${this.gatewayPort}`,
      application: { id: APPLICATION_ID, flags: 0 },
      shard: [0, 1],
    });
    for (const g of guilds) send('GUILD_CREATE', guildPayload(g));
  }
}

function json(status: number, body: unknown): string {
  const text = JSON.stringify(body);
  const reason = status === 200 ? 'OK' : 'Not Found';
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
}

const worlds = new Map<string, World>();

/**
 * Interaction ids: snowflakes from now on, one apart, never repeating. (The stand-in's snowflake()
 * wraps its counter at 4,096 within a millisecond, and a run builds thousands of ids in a few
 * milliseconds: two interactions of a run then had the same id.)
 */
let nextId = BigInt(Date.now() - 1420070400000) << 22n;

async function world(name: string): Promise<string> {
  const w = await new World().start();
  worlds.set(name, w);
  return w.apiUrl;
}

function answerOk(expect: Expect, text: string): boolean {
  if (expect === 'any') return true;
  const body = JSON.parse(Buffer.from(text, 'latin1').toString('utf8')) as { type?: number; data?: { flags?: number; embeds?: unknown[]; components?: Array<{ components?: unknown[] }> } };
  if (body.type !== 4) return false;
  if (expect === 'public') return ((body.data?.flags ?? 0) & 64) === 0;
  return body.data?.embeds?.length === 1 && body.data?.components?.[0]?.components?.length === 2;
}

function run(args: RunArgs): Promise<RunResult> {
  const w = worlds.get(args.world);
  if (!w) throw new Error(`no world ${args.world}`);
  const ids = Array.from({ length: args.count }, () => String(nextId++));
  const frames = w.frames(ids.map((id, n) => interaction(args.members ? (args.firstMember + n) % args.members : args.firstMember + n, args.command, id)));
  const index = new Map(ids.map((id, n) => [id, n]));
  const sentAt = new Float64Array(args.count);
  const latencies = new Array<number>(args.count);
  const answeredAt = new Float64Array(args.count);
  const otherBefore = [...w.otherCalls.values()].reduce((a, b) => a + b, 0);
  let sent = 0;
  let answered = 0;
  let unexpected = 0;
  let sample: string | undefined;
  let lastAnswer = performance.now();
  return new Promise((resolve, reject) => {
    const send = () => {
      sentAt[sent] = performance.now();
      w.send(frames[sent++]!);
    };
    const stall = setInterval(() => {
      if (performance.now() - lastAnswer < 15_000) return;
      clearInterval(stall);
      w.onAnswer = undefined;
      reject(new Error(`${args.world} answered ${answered} of ${args.count} /${args.command} and then nothing for 15 s; calls the driver does not serve: ${JSON.stringify(Object.fromEntries(w.otherCalls))}`));
    }, 1_000);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    w.onAnswer = (id, body) => {
      const n = index.get(id);
      if (n === undefined || latencies[n] !== undefined) return;
      lastAnswer = performance.now();
      latencies[n] = Math.round((lastAnswer - sentAt[n]!) * 100) / 100;
      if (!answerOk(args.expect, body)) {
        unexpected++;
        sample ??= Buffer.from(body, 'latin1').toString('utf8');
      }
      answeredAt[answered++] = lastAnswer;
      if (sent < args.count) send();
      else if (answered === args.count) {
        const seconds = (performance.now() - started) / 1000;
        const cpu = process.cpuUsage(cpuBefore);
        clearInterval(stall);
        w.onAnswer = undefined;
        const other = [...w.otherCalls.values()].reduce((a, b) => a + b, 0) - otherBefore;
        if (other > 0) {
          unexpected += other;
          sample ??= `calls the driver does not serve: ${JSON.stringify(Object.fromEntries(w.otherCalls))}`;
        }
        // The rate in the steady state: between the inFlight-th answer and the inFlight-th before
        // last, so neither the opening burst nor the drain at the end (fewer and fewer in flight) counts.
        const edge = args.inFlight;
        const steady = args.count > 3 * edge ? (args.count - 2 * edge) / ((answeredAt[args.count - edge - 1]! - answeredAt[edge - 1]!) / 1000) : args.count / seconds;
        resolve({ count: args.count, seconds, rate: steady, latencies, driverCpu: (cpu.user + cpu.system) / 1e6 / seconds, unexpected, sample });
      }
    };
    for (let k = 0; k < Math.min(args.inFlight, args.count); k++) send();
  });
}

serve({
  world,
  run,
  ...profilingHandlers('driver'),
  async stop() {
    await Promise.all([...worlds.values()].map((w) => w.stop()));
    setImmediate(() => process.exit(0));
  },
});
