import { describe, expect, it } from 'vitest';
import { createKeys, ownKeysOf } from '../../src/store/keys.js';

describe('keys', () => {
  const keys = createKeys('syllabot');

  it('put every per-guild key in the guild’s hash-tag slot, under the prefix', () => {
    const all = [
      keys.member('1', '2'),
      keys.memberTopics('1', '2'),
      keys.memberLog('1', '2'),
      keys.memberReviews('1', '2'),
      keys.memberChecks('1', '2'),
      keys.memberWork('1', '2'),
      keys.memberCooldown('1', '2'),
      keys.activeMembers('1'),
      keys.privateMembers('1'),
      keys.interactionSeen('1', '3'),
      keys.boardAll('1'),
      keys.boardWeek('1', '2026-W48'),
      keys.boardMonth('1', '2026-11'),
      keys.group('1'),
    ];
    for (const key of all) expect(key).toMatch(/^syllabot:\{g:1\}:/);
    expect(new Set(all).size).toBe(all.length);
  });

  it('follow the documented layout', () => {
    expect(keys.member('123', '456')).toBe('syllabot:{g:123}:member:456');
    expect(keys.boardWeek('123', '2026-W48')).toBe('syllabot:{g:123}:board:week:2026-W48');
    expect(keys.memberReviews('123', '456')).toBe('syllabot:{g:123}:member:456:reviews');
    expect(keys.memberChecks('123', '456')).toBe('syllabot:{g:123}:member:456:checks');
  });

  it('list as a member’s own keys exactly those named after the member', () => {
    const own = ownKeysOf(keys, '1', '2');
    for (const key of own) expect(key).toMatch(/^syllabot:\{g:1\}:member:2(:|$)/);
    expect(own).toContain(keys.member('1', '2'));
    expect(own).toContain(keys.memberWork('1', '2'));
    expect(new Set(own).size).toBe(own.length);
  });
});
