import { fork, type ChildProcess } from 'node:child_process';

/**
 * Requests and answers over the fork IPC channel between the bench's orchestrator and its child
 * processes (the load driver and each bot). Only control messages go this way, between runs: the
 * load itself travels over the gateway WebSocket and HTTP, as it would from Discord.
 */
// In a child of the bench (a bot, the driver), from the moment it imports this file: when the
// orchestrator goes away (crashed, stopped with Ctrl-C), the child goes too, even half-way through
// its start-up. No bench process outlives the run.
if (process.send) process.on('disconnect', () => process.exit(1));

type Handler = (args: any) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any -- each side knows its own messages
interface Request {
  id: number;
  type: string;
  args?: unknown;
}
interface Answer {
  id: number;
  value?: unknown;
  error?: string;
}

export class Child {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private exited = false;

  private constructor(
    readonly name: string,
    readonly process: ChildProcess,
  ) {
    process.on('message', (message: Answer | 'ready') => {
      if (message === 'ready') return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) waiting.reject(new Error(`${name}: ${message.error}`));
      else waiting.resolve(message.value);
    });
    process.on('exit', (code, signal) => {
      this.exited = true;
      for (const waiting of this.pending.values()) waiting.reject(new Error(`${name} exited (${signal ?? code}) while the bench waited for it`));
      this.pending.clear();
    });
  }

  /** Forks a TypeScript file (run through tsx) and waits until it says it is ready. */
  static async start(name: string, file: string, options: { env?: Record<string, string>; execArgv?: string[]; timeoutMs?: number } = {}): Promise<Child> {
    const child = fork(file, {
      execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} (${file}) was not ready within ${(options.timeoutMs ?? 120_000) / 1000} s`)), options.timeoutMs ?? 120_000);
      const fail = (code: number | null) => (clearTimeout(timer), reject(new Error(`${name} (${file}) exited (${code}) before it was ready`)));
      child.once('exit', fail);
      child.on('message', function ready(message) {
        if (message !== 'ready') return;
        clearTimeout(timer);
        child.off('exit', fail);
        child.off('message', ready);
        resolve();
      });
    });
    return new Child(name, child);
  }

  call<T>(type: string, args?: unknown): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.name} has exited`));
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.process.send({ id, type, args } satisfies Request);
    });
  }

  /** Asks the child to stop, and kills it when it has not exited within a few seconds. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.call('stop').catch(() => undefined);
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** In a child: answers the orchestrator's requests with these handlers, then says it is ready. */
export function serve(handlers: Record<string, Handler>): void {
  process.on('message', (message: Request) => {
    if (typeof message !== 'object' || message === null || typeof message.id !== 'number') return;
    const handler = handlers[message.type];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`no handler for ${message.type}`);
        return handler(message.args);
      })
      .then(
        (value) => process.send!({ id: message.id, value } satisfies Answer),
        (error: unknown) => process.send!({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Answer),
      );
  });
  process.send!('ready');
}
