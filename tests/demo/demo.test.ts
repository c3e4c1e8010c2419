import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

it('the demo shows the cohort view and the progress card, and saves the card as a file where it may', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'syllabot-demo-test-'));
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { env: { ...process.env, REDIS_URL: redisUrl(), DEMO_FILES_DIR: dir }, timeout: 60_000 });
    for (const step of ['alice › /cohort', '👥 The cohort: who is working on what', '🤝 Study pairs', 'You and @', '🔗 Their work: <https://github.com/bob/http-from-scratch>', 'bob › /progress', '• HTTP basics: <https://github.com/bob/http-from-scratch>', '[image: progress.png]']) {
      expect(stdout).toContain(step);
    }
    const saved = join(dir, 'syllabot-demo-progress.png');
    expect(stdout).toMatch(new RegExp(`📎 progress\\.png \\(PNG image, 800×\\d+, [\\d.]+ KB\\) saved to ${saved.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(readFileSync(saved).subarray(1, 4).toString()).toBe('PNG');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
