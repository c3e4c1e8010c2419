import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/discord/router.js';
import { OwnRedisServer } from '../../standin/redis-server.js';
import { pointsOf } from '../support/roadmap.js';
import { World } from '../support/world.js';

const LEARNER = '400000000000000001';
let world: World | undefined;
let redis: OwnRedisServer | undefined;
afterEach(async () => {
  await world?.stop();
  await redis?.destroy();
  world = redis = undefined;
});

describe('the bot’s life', () => {
  it('keeps points when the bot restarts on the same Redis', async () => {
    world = await World.start('restart');
    await world.member(LEARNER).run('done', { topic: 'http-basics' }).messages(1);
    await world.stopBot();
    await world.startBot();
    expect(world.standin.identified).toBe(2);
    const progress = await world.member(LEARNER).run('progress').reply();
    expect(progress.embeds[0]?.fields?.find((f) => f.name === 'Points')?.value).toBe(String(pointsOf('http-basics')));
  });

  it('answers "store unavailable" while Redis is down, and recovers when it returns', async () => {
    redis = await OwnRedisServer.start();
    world = await World.start('outage', { redisUrl: redis.url });
    const member = world.member(LEARNER);
    await member.run('done', { topic: 'http-basics' }).messages(1);

    await redis.kill();
    const down = await member.run('next').reply();
    expect(down.ephemeral).toBe(true);
    expect(down.content).toBe(MESSAGES.storeDown);

    await redis.resume();
    await expect.poll(async () => (await member.run('next').reply()).embeds[0]?.title, { timeout: 10_000, interval: 250 }).toBe('How the internet works');
  });

  // main.ts exits with 1 when shutdown takes over 10 s, so exit code 0 means it finished in time.
  it.each(['SIGTERM', 'SIGINT'] as const)('stops cleanly on %s with exit code 0 within 10 s', async (signal) => {
    world = await World.start('sigterm', { startBot: false });
    const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, ...world.env(), LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    bot.stdout.on('data', (chunk) => (output += chunk));
    bot.stderr.on('data', (chunk) => (output += chunk));
    await world.standin.waitForIdentify(1, 15_000);
    const help = await world.member(LEARNER).run('help').reply();
    expect(help.embeds[0]?.title).toContain('Syllabot');

    bot.kill(signal);
    const [code] = await once(bot, 'exit');
    expect(code).toBe(0);
    expect(output).toContain('"msg":"stopped"');
    const line = JSON.parse(output.split('\n').find((l) => l.includes('"command":"help"'))!);
    expect(line).toMatchObject({ guildId: expect.any(String), command: 'help', ms: expect.any(Number), outcome: 'ok' });
    expect(output).not.toContain(world.env().DISCORD_TOKEN);
  });

  it('refuses to start on a broken curriculum, naming every file and topic at fault', async () => {
    world = await World.start('broken', { startBot: false });
    const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, ...world.env(), CURRICULUM_DIR: 'tests/fixtures/curriculum-broken' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    bot.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(bot, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain('a-basics.yaml: topics[0] (alpha).resources[0].url: must be an https:// link');
    expect(stderr).toContain('b-more.yaml: topics[0] (delta).practice: ');
    expect(world.standin.identified).toBe(0);
  });
});
