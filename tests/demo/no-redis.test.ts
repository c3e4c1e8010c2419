import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../standin/redis-server.js';

// A PATH with nothing on it (no redis-server), and a REDIS_URL where nothing listens.
const emptyPath = mkdtempSync(join(tmpdir(), 'syllabot-empty-path-'));
afterAll(() => rmSync(emptyPath, { recursive: true, force: true }));

async function runWithoutRedis(script: string) {
  const url = `redis://127.0.0.1:${await freePort()}`;
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, PATH: emptyPath, REDIS_URL: url }, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end('/next\n/quit\n');
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  return { code, stdout, stderr, url };
}

describe('without Redis to be had', () => {
  for (const [name, script] of [
    ['demo', 'scripts/demo.ts'],
    ['playground', 'scripts/playground.ts'],
  ] as const) {
    it(`npm run ${name} says what to install or set, in two lines, and exits 1 without a stack trace`, async () => {
      const { code, stdout, stderr, url } = await runWithoutRedis(script);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toEqual([
        `Syllabot's ${name} needs Redis: nothing answers at ${url} and redis-server is not installed.`,
        'Install it (apt-get install redis-server, brew install redis) or set REDIS_URL to a running Redis.',
      ]);
    }, 60_000);
  }
});
