import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { World } from '../support/world.js';

// Discord gives a guild to shard (guild_id >> 22) % shard_count: these two land on shards 0 and 1.
const ON_SHARD_0 = String(1n << 22n);
const ON_SHARD_1 = String(3n << 22n);
// Opens a handle in the manager that is never closed, and reports each shard's pid and exit code.
const HOLD_LOOP_OPEN = pathToFileURL(resolve('tests/fixtures/hold-loop-open.ts')).href;
let world: World;
let manager: ChildProcess;
// 'close' (stdout and stderr ended) may come in the same tick as 'exit': listen from the start.
let closed: Promise<void>;
let output = '';
let stdout = '';

interface Line {
  msg?: string;
  fixture?: string;
  role?: 'manager' | 'shard';
  event?: string;
  pid?: number;
  code?: number;
}

/** stdout as parsed lines: the manager's and the shards' JSON logs and the fixture's reports, in order. */
function lines(): Line[] {
  return stdout.split('\n').flatMap((text) => {
    try {
      return [JSON.parse(text) as Line];
    } catch {
      return [];
    }
  });
}

function shardPids(): number[] {
  return lines().flatMap((l) => (l.fixture && l.role === 'shard' && l.event === 'started' && l.pid ? [l.pid] : []));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

beforeAll(async () => {
  world = await World.start('sharding', { startBot: false, shards: 2, guilds: [{ id: ON_SHARD_0, channelIds: ['300000000000000001'] }, { id: ON_SHARD_1, channelIds: ['300000000000000002'] }] });
  manager = spawn(process.execPath, ['--import', 'tsx', '--import', HOLD_LOOP_OPEN, 'src/sharded.ts'], {
    env: { ...process.env, ...world.env(), SHARDS: 'auto', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  closed = new Promise((resolve) => manager.once('close', () => resolve()));
  manager.stdout!.on('data', (chunk) => {
    output += chunk;
    stdout += chunk;
  });
  manager.stderr!.on('data', (chunk) => (output += chunk));
}, 60_000);
afterAll(async () => {
  if (manager.exitCode === null && manager.signalCode === null) manager.kill('SIGKILL');
  // A manager that did not wait for its shards would leave them behind: do not let them outlive the run.
  for (const pid of shardPids()) if (alive(pid)) process.kill(pid, 'SIGKILL');
  await world?.stop();
});

it('npm run start:sharded starts the 2 shards the gateway recommends, and each serves its own guilds', async () => {
  await world.standin.waitForIdentify(2, 45_000);
  const identifies = output.match(/"msg":"shard started"/g) ?? [];
  expect(identifies).toHaveLength(2);
  const first = await world.member('400000000000000800', ON_SHARD_0).run('next').reply();
  const second = await world.member('400000000000000801', ON_SHARD_1).run('next').reply();
  expect(first.embeds[0]?.title).toBe('How the internet works');
  expect(second.embeds[0]?.title).toBe('How the internet works');
}, 60_000);

it('on SIGTERM it stops every shard, waits for each to exit, then exits 0 though a handle holds its event loop open', async () => {
  expect(lines().filter((l) => l.fixture && l.role === 'manager'), 'the fixture holds the manager\'s event loop open').toHaveLength(1);
  const shards = shardPids();
  expect(shards).toHaveLength(2);

  manager.kill('SIGTERM');
  const exit = await Promise.race([once(manager, 'exit'), sleep(20_000, 'still running 20 s after SIGTERM')]);
  expect(exit, 'the manager exits by itself, with 0').toEqual([0, null]);
  // The moment the manager has exited, none of its shards is left.
  expect(shards.filter(alive), 'shard processes still running after the manager exited').toEqual([]);

  // All of stdout (the shards write to the same pipe); then, in pipe order, every shard stopped
  // cleanly and exited 0 before the manager reported it was done.
  await Promise.race([closed, sleep(5_000)]);
  const all = lines();
  const done = all.findIndex((l) => l.msg === 'every shard stopped');
  expect(done, 'the manager reports every shard stopped').toBeGreaterThan(-1);
  const before = all.slice(0, done);
  expect(before.filter((l) => l.msg === 'stopped')).toHaveLength(2);
  const exits = before.filter((l) => l.fixture && l.role === 'shard' && l.event === 'exit');
  expect(exits.map((l) => l.pid).sort((a, b) => a! - b!)).toEqual([...shards].sort((a, b) => a - b));
  expect(exits.map((l) => l.code)).toEqual([0, 0]);
  expect(all.slice(done + 1).filter((l) => l.fixture || l.msg === 'stopped'), 'nothing from a shard after the manager is done').toEqual([]);
}, 60_000);
