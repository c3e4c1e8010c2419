import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { redisUrl } from '../support/redis.js';
import { pointsOf } from '../support/roadmap.js';

const run = promisify(execFile);

it('npm run demo plays the whole session and exits 0', async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { env: { ...process.env, REDIS_URL: redisUrl() }, timeout: 60_000 });
  for (const step of ['alice › /help', 'alice › /next', '🎉 @alice finished How the internet works', `🥇 @bob — ${pointsOf('how-the-internet-works', 'http-basics')} points`, '#study-hall · Syllabot posted', "Today's topic", 'SQL study night', "You're coming to SQL study night"]) {
    expect(stdout).toContain(step);
  }
  expect(stdout).not.toContain('\u001b['); // no colour codes when the output is not a terminal
}, 90_000);
