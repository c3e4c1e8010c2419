import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { redisUrl } from '../support/redis.js';
import { pointsOf } from '../support/roadmap.js';

const run = promisify(execFile);

it('npm run demo plays the whole session and exits 0', async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { env: { ...process.env, REDIS_URL: redisUrl() }, timeout: 60_000 });
  for (const step of ['alice › /help', 'alice › /next', '🎉 @alice finished How the internet works', `🥇 @bob — ${pointsOf('how-the-internet-works', 'http-basics')} points`, '[presses Share]', 'Shared by @alice', '/leaderboard: period must be one of week, month, all', '#study-hall · Syllabot posted', "Today's topic", 'SQL study night', "You're coming to SQL study night"]) {
    expect(stdout).toContain(step);
  }
  expect(stdout).not.toContain('\u001b['); // no colour codes when the output is not a terminal
  expect(stdout).not.toContain('GMT');
  expect(stdout.split('alice › /next')[1]!.split('alice › [presses Done]')[0]!.match(/How the internet works/g)).toHaveLength(1); // the card's title once
}, 90_000);
