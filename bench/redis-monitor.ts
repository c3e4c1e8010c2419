import { connect, type Socket } from 'node:net';

/**
 * Counts what one Redis client sends, with MONITOR on a raw connection: commands (each one a round
 * trip unless pipelined) and the bytes of their arguments (command name included). MONITOR prints
 * every argument escaped (sdscatrepr: `\"`, `\\`, `\n`, `\xhh`…), so each escape is one byte of the
 * original; commands a Lua script runs show as coming from `lua` and are not counted, since they
 * cost no round trip.
 */
export class RedisMonitor {
  commands = 0;
  bytes = 0;
  /** The counted commands by name, e.g. { EVALSHA: 200 }. */
  readonly byName = new Map<string, number>();
  private constructor(
    private readonly socket: Socket,
    private readonly addresses: Set<string>,
  ) {}

  static async start(redisUrl: string, addresses: string[]): Promise<RedisMonitor> {
    const url = new URL(redisUrl);
    const socket = connect(Number(url.port || 6379), url.hostname);
    const monitor = new RedisMonitor(socket, new Set(addresses));
    let buffered = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let end: number;
      while ((end = buffered.indexOf('\r\n')) >= 0) {
        monitor.line(buffered.slice(0, end));
        buffered = buffered.slice(end + 2);
      }
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('connect', () => resolve());
    });
    const auth = url.password ? `AUTH ${url.username ? `${decodeURIComponent(url.username)} ` : ''}${decodeURIComponent(url.password)}\r\n` : '';
    socket.write(`${auth}MONITOR\r\n`);
    // MONITOR answers +OK before it streams; wait for it so nothing sent after start() is missed.
    await new Promise<void>((resolve) => {
      const check = setInterval(() => monitor.ready && (clearInterval(check), resolve()), 5);
    });
    return monitor;
  }

  private ready = false;

  private line(text: string): void {
    if (text === '+OK') {
      this.ready = true;
      return;
    }
    const open = text.indexOf('[');
    const close = text.indexOf(']', open);
    if (!text.startsWith('+') || open < 0 || close < 0) return;
    const source = text.slice(open + 1, close).split(' ')[1] ?? '';
    if (!this.addresses.has(source)) return;
    const args = parseArgs(text.slice(close + 2));
    this.commands++;
    this.bytes += args.reduce((sum, a) => sum + a.bytes, 0);
    const name = (args[0]?.head ?? '?').toUpperCase();
    this.byName.set(name, (this.byName.get(name) ?? 0) + 1);
  }

  reset(): void {
    this.commands = 0;
    this.bytes = 0;
    this.byName.clear();
  }

  stop(): void {
    this.socket.destroy();
  }
}

/** `"EVALSHA" "abc" "a\"b\x00"` -> each argument's length in bytes (and its first characters). */
function parseArgs(text: string): Array<{ bytes: number; head: string }> {
  const args: Array<{ bytes: number; head: string }> = [];
  let k = 0;
  while (k < text.length) {
    if (text[k] !== '"') {
      k++;
      continue;
    }
    k++;
    let bytes = 0;
    let head = '';
    while (k < text.length && text[k] !== '"') {
      if (text[k] === '\\') {
        k += text[k + 1] === 'x' ? 4 : 2;
      } else {
        if (head.length < 16) head += text[k];
        k++;
      }
      bytes++;
    }
    k++;
    args.push({ bytes, head });
  }
  return args;
}
