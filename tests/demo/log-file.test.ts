import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { fileLogger } from '../../demo/world.js';

const dir = mkdtempSync(join(tmpdir(), 'syllabot-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the playground’s log file holds the bot’s warnings and errors, at once and without the token', () => {
  const path = join(dir, 'playground.log');
  const log = fileLogger(path);
  log.info('interaction'); // routine lines stay out of the way
  log.error({ interactionId: '1', ref: '7f3a', err: new Error('boom'), config: { DISCORD_TOKEN: 'secret-token' } }, 'interaction failed');
  const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ level: 50, msg: 'interaction failed', ref: '7f3a', err: { message: 'boom' } });
  expect(JSON.stringify(lines)).not.toContain('secret-token');
});
