import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { parsePlaygroundLine } from '../../demo/playground-parser.js';
import { CHANNEL } from '../../standin/fixtures.js';
import { redisUrl } from '../support/redis.js';

describe('playground lines', () => {
  it('read commands with subcommands, quoted values, members and channels', () => {
    expect(parsePlaygroundLine('/done topic:http-basics')).toEqual({ kind: 'command', name: 'done', options: { topic: 'http-basics' } });
    expect(parsePlaygroundLine('/meetup create title:"SQL night" when:"tomorrow 18:00"')).toEqual({ kind: 'command', name: 'meetup', options: { subcommand: 'create', title: 'SQL night', when: 'tomorrow 18:00' } });
    expect(parsePlaygroundLine('/progress member:@bob')).toEqual({ kind: 'command', name: 'progress', options: { member: { user: '400000000000000002' } } });
    expect(parsePlaygroundLine('/studygroup setup channel:#study-hall')).toMatchObject({ options: { channel: CHANNEL } });
  });

  it('read the playground’s own commands', () => {
    expect(parsePlaygroundLine('/as bob')).toEqual({ kind: 'as', name: 'bob' });
    expect(parsePlaygroundLine('/press 2')).toEqual({ kind: 'press', button: 2 });
    expect(parsePlaygroundLine('/time +1d')).toEqual({ kind: 'time', ms: 86_400_000 });
    expect(parsePlaygroundLine('/time +90m')).toEqual({ kind: 'time', ms: 5_400_000 });
    expect(parsePlaygroundLine('   ')).toBeUndefined();
  });

  it('explain what is wrong with a line they cannot read', () => {
    expect(parsePlaygroundLine('next')).toMatchObject({ kind: 'error' });
    expect(parsePlaygroundLine('/as nobody')).toMatchObject({ kind: 'error', message: expect.stringContaining('alice') });
    expect(parsePlaygroundLine('/time tomorrow')).toMatchObject({ kind: 'error' });
    expect(parsePlaygroundLine('/done http-basics')).toMatchObject({ kind: 'error', message: expect.stringContaining('name:value') });
  });
});

it('npm run playground answers typed commands, switches members, presses buttons and moves time', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/playground.ts'], { env: { ...process.env, REDIS_URL: redisUrl() }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stdin.end(['/next', '/press 1', '/as admin', '/studygroup setup channel:#study-hall time:09:00 timezone:Europe/Berlin', '/time +1d', '/quit', ''].join('\n'));
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  expect(out).toContain('alice › /next');
  expect(out).toContain('🎉 @alice finished How the internet works');
  expect(out).toContain('admin › /studygroup setup');
  expect(out).toContain('#study-hall · Syllabot posted');
}, 60_000);

it('npm run playground refuses what Discord’s client would refuse, names its log file, and reads reminders as posted', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/playground.ts'], { env: { ...process.env, REDIS_URL: redisUrl() }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stdin.end(
    [
      '/leaderboard period:year',
      '/frobnicate',
      '/meetup create title:x when:tomorrow duration:5',
      '/as admin',
      '/studygroup setup channel:#study-hall time:09:00 timezone:UTC',
      '/meetup create title:"SQL night" when:"tomorrow 18:00"',
      '/press 1',
      '/time +2d',
      '/quit',
      '',
    ].join('\n'),
  );
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  expect(out).toMatch(/The bot's warnings and errors go to \S+syllabot-playground-\S+\.log/);
  expect(out).toContain('Discord\n  /leaderboard: period must be one of week, month, all.');
  expect(out).toContain('Discord\n  Unknown command /frobnicate');
  expect(out).toContain('/meetup create: duration must be a whole number from 15 to 720.');
  expect(out).not.toContain('This command was just updated');
  // Each reminder reads as it did when it was posted, however late the playground prints it.
  expect(out).toContain('SQL night starts in 24 hours');
  expect(out).toContain('SQL night starts in 60 minutes');
  expect(out).not.toMatch(/starts \d+ \w+ ago/);
  expect(out).not.toContain('GMT');
  expect(out).toMatch(/it is now \w{3}, \d+ \w{3} \d{4} \d\d:\d\d UTC/);
}, 60_000);
