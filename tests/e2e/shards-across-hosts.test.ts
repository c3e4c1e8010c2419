import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeys } from '../../src/store/keys.js';
import { plainRedis } from '../support/redis.js';
import { World } from '../support/world.js';

// Discord gives a guild to shard (guild_id >> 22) % shard_count: two guilds on each of 2 shards.
const GUILDS = [1n, 3n, 2n, 4n].map((n) => String(n << 22n));
const channelOf = (guild: string) => String(BigInt(guild) + 1n);
let world: World;
const hosts: ChildProcess[] = [];
let output = '';

/** A bot process as one host runs it: only the shards it is given. */
function host(shardIds: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, ...world.env(), SHARD_IDS: shardIds, SHARD_COUNT: '2', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  hosts.push(child);
  return child;
}

beforeAll(async () => {
  world = await World.start('shards-across-hosts', { startBot: false, shards: 2, guilds: GUILDS.map((id) => ({ id, channelIds: [channelOf(id)] })) });
  host('0');
  host('1');
  await world.standin.waitForIdentify(2, 60_000);
}, 90_000);
afterAll(async () => {
  for (const child of hosts) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
  await world?.stop();
});

describe('two hosts splitting the shards of one application', () => {
  it('serve every guild once: each host connects as its own shard', async () => {
    expect(world.standin.identified).toBe(2);
    for (const [n, guild] of GUILDS.entries()) {
      const reply = await world.member(String(400000000000000860n + BigInt(n)), guild).run('next').reply();
      expect(reply.embeds[0]?.title).toBe('How the internet works');
    }
    // Each host logged itself ready as its own shard.
    expect(output).toContain('"shards":[0]');
    expect(output).toContain('"shards":[1]');
  });

  it('post each daily prompt once, whichever host claims it', async () => {
    const now = DateTime.utc();
    for (const [n, guild] of GUILDS.entries()) {
      const reply = await world.admin(String(400000000000000870n + BigInt(n)), guild).run('studygroup', { subcommand: 'setup', channel: channelOf(guild), time: now.toFormat('HH:mm'), timezone: 'UTC' }).reply();
      expect(reply.content).toContain('Daily topic prompts');
    }
    // The prompts are due now (setup planned them for tomorrow): both hosts tick every 10 seconds.
    const redis = plainRedis();
    const keys = createKeys(world.prefix);
    await redis.zadd(keys.schedDue(), ...GUILDS.flatMap((guild) => [Date.now(), `daily:${guild}`]));
    redis.disconnect();
    await expect.poll(() => GUILDS.every((guild) => world.standin.channelMessages(channelOf(guild)).length >= 1), { timeout: 30_000, interval: 250 }).toBe(true);
    await new Promise((r) => setTimeout(r, 12_000)); // another tick of both hosts
    for (const guild of GUILDS) expect(world.standin.channelMessages(channelOf(guild))).toHaveLength(1);
  }, 60_000);
});
