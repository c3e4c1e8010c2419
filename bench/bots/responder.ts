import { connect, type Socket } from 'node:net';
import { WebSocket } from 'ws';
import { cardCallbackBody } from './card-data.js';
import { serveBot } from './serve-bot.js';

/**
 * The driver's ceiling: a responder that answers at once. No discord.js and no HTTP client library:
 * a raw gateway client that identifies, heartbeats, and answers each INTERACTION_CREATE with one
 * HTTP/1.1 POST to the callback route, written by hand on a pool of keep-alive connections, one
 * request at a time on each (as discord.js's HTTP client does: no pipelining). Its answer is the
 * card-shaped body, prepared once, so the driver reads as many bytes per answer as from the
 * card-shaped bot. Whatever rate it reaches is what the driver can carry; a bot measured near it is
 * measuring the driver.
 */
const api = new URL(process.env.DISCORD_API_URL!);
const token = process.env.DISCORD_TOKEN!;
const body = cardCallbackBody();
const head = `Host: ${api.host}\r\nAuthorization: Bot ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;

/** Idle keep-alive connections; a new one is opened when none is free. */
const idle: Socket[] = [];
const all = new Set<Socket>();

function open(): Socket {
  const socket = connect(Number(api.port), api.hostname);
  socket.setNoDelay(true);
  socket.setEncoding('latin1');
  all.add(socket);
  let buffered = '';
  socket.on('data', (chunk: string) => {
    // Every answer is a 204 without a body: a response ends at its blank line.
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\r\n\r\n')) >= 0) {
      if (!buffered.startsWith('HTTP/1.1 204')) process.stderr.write(`responder: ${buffered.slice(0, buffered.indexOf('\r\n'))}\n`);
      buffered = buffered.slice(end + 4);
      idle.push(socket);
    }
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    all.delete(socket);
    const at = idle.indexOf(socket);
    if (at >= 0) idle.splice(at, 1);
  });
  return socket;
}

function post(id: string, interactionToken: string): void {
  (idle.pop() ?? open()).write(`POST ${api.pathname}/v10/interactions/${id}/${interactionToken}/callback?with_response=false HTTP/1.1\r\n${head}${body}`);
}

const gateway = (await fetch(`${api.href}/v10/gateway/bot`, { headers: { authorization: `Bot ${token}` } }).then((r) => r.json())) as { url: string };
const ws = new WebSocket(`${gateway.url}/?v=10&encoding=json`);
let sequence: number | null = null;
let heartbeat: NodeJS.Timeout | undefined;
await new Promise<void>((resolve, reject) => {
  let guildsLeft = -1;
  ws.on('error', reject);
  ws.on('message', (raw) => {
    const packet = JSON.parse(String(raw)) as { op: number; t: string | null; s: number | null; d: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (packet.s !== null) sequence = packet.s;
    if (packet.t === 'INTERACTION_CREATE') post(packet.d.id, packet.d.token);
    else if (packet.op === 10) {
      heartbeat = setInterval(() => ws.send(JSON.stringify({ op: 1, d: sequence })), packet.d.heartbeat_interval);
      ws.send(JSON.stringify({ op: 2, d: { token, intents: 1, properties: { os: 'linux', browser: 'bench', device: 'bench' } } }));
    } else if (packet.t === 'READY') {
      guildsLeft = packet.d.guilds.length;
      if (guildsLeft === 0) resolve();
    } else if (packet.t === 'GUILD_CREATE' && --guildsLeft === 0) resolve();
  });
});

serveBot('responder', async () => {
  clearInterval(heartbeat);
  ws.close();
  for (const socket of all) socket.destroy();
});
