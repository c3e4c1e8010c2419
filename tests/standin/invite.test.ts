import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { INVITE_PERMISSIONS, PERMISSION } from '../../standin/discord-standin.js';

it('the stand-in gives the bot exactly the permissions the README’s invite link asks for, Attach Files included', () => {
  const readme = readFileSync('README.md', 'utf8');
  const asked = /oauth2\/authorize\?[^\s]*permissions=(\d+)/.exec(readme)?.[1];
  expect(asked && BigInt(asked)).toBe(INVITE_PERMISSIONS);
  for (const needed of [PERMISSION.viewChannel, PERMISSION.sendMessages, PERMISSION.embedLinks, PERMISSION.attachFiles, PERMISSION.createPublicThreads, PERMISSION.manageEvents]) {
    expect(INVITE_PERMISSIONS & needed).toBe(needed);
  }
});
