import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { World } from '../support/world.js';

// Discord gives a guild to shard (guild_id >> 22) % shard_count: these two land on shards 0 and 1.
const ON_SHARD_0 = String(1n << 22n);
const ON_SHARD_1 = String(3n << 22n);
let world: World;
let manager: ChildProcess;
let output = '';

beforeAll(async () => {
  world = await World.start('sharding', { startBot: false, shards: 2, guilds: [{ id: ON_SHARD_0, channelIds: ['300000000000000001'] }, { id: ON_SHARD_1, channelIds: ['300000000000000002'] }] });
  manager = spawn(process.execPath, ['--import', 'tsx', 'src/sharded.ts'], { env: { ...process.env, ...world.env(), SHARDS: 'auto', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  manager.stdout!.on('data', (chunk) => (output += chunk));
  manager.stderr!.on('data', (chunk) => (output += chunk));
}, 60_000);
afterAll(async () => {
  if (manager.exitCode === null) manager.kill('SIGKILL');
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

  manager.kill('SIGTERM');
  const [code] = await once(manager, 'exit');
  expect(code).toBe(0);
  expect((output.match(/"msg":"stopped"/g) ?? []).length).toBe(2);
}, 60_000);
