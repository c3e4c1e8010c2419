import { describe, expect, it } from 'vitest';
import type { Topic } from '../../src/curriculum/types.js';
import { suggestPairs, type CohortMember } from '../../src/together/cohort.js';

const topic = (position: number) => ({ id: `t${position}`, title: `Topic ${position}` }) as Topic;
const member = (userId: string, position: number, options: { track?: string; at?: number } = {}): CohortMember => ({
  userId,
  track: options.track ?? 'python',
  topic: position >= 0 ? topic(position) : undefined,
  position,
  at: options.at ?? 0,
});
const pairsOf = (members: CohortMember[], caller = 'nobody') => suggestPairs(members, caller).map((p) => p.members.join('+'));

describe('study-pair suggestions', () => {
  it('pair members on the same topic, and say so', () => {
    const pairs = suggestPairs([member('a', 3), member('b', 3)], 'nobody');
    expect(pairs).toEqual([{ members: ['a', 'b'], sameTopic: true }]);
  });

  it('pair members on neighbouring topics of a track, but not two topics apart', () => {
    expect(pairsOf([member('a', 3), member('b', 4)])).toEqual(['a+b']);
    expect(pairsOf([member('a', 3), member('b', 5)])).toEqual([]);
  });

  it('never pair members of different tracks', () => {
    expect(pairsOf([member('a', 3), member('b', 3, { track: 'node' })])).toEqual([]);
  });

  it('never pair a member who finished the track', () => {
    expect(pairsOf([member('a', -1), member('b', -1), member('c', 0)])).toEqual([]);
  });

  it('put each member in at most one pair', () => {
    const members = [member('a', 1), member('b', 1), member('c', 1), member('d', 2), member('e', 2)];
    const everyone = suggestPairs(members, 'nobody').flatMap((p) => p.members);
    expect(new Set(everyone).size).toBe(everyone.length);
    expect(everyone).toHaveLength(4);
  });

  it('pair eight members on four topics into four pairs, neighbours where no one else is near', () => {
    const members = [member('a', 0), member('b', 0), member('c', 1), member('d', 1), member('e', 5), member('f', 5), member('g', 6), member('h', 9)];
    expect(pairsOf(members)).toEqual(['a+b', 'c+d', 'e+f']);
    const withNeighbour = [member('a', 0), member('b', 1), member('c', 4), member('d', 5), member('e', 5), member('f', 6), member('g', 8), member('h', 9)];
    expect(pairsOf(withNeighbour)).toEqual(['a+b', 'c+d', 'e+f', 'g+h']);
  });

  it('pair the caller first, with the closest member, then the most recently active', () => {
    const members = [member('a', 2), member('b', 3, { at: 1 }), member('c', 3, { at: 5 }), member('me', 3)];
    const pairs = suggestPairs(members, 'me');
    expect(pairs[0]).toEqual({ members: ['me', 'c'], sameTopic: true });
    expect(pairsOf(members, 'me')).toEqual(['me+c', 'a+b']);
  });

  it('leave the caller unpaired when no one is near, and pair the others', () => {
    expect(pairsOf([member('me', 10), member('a', 1), member('b', 2)], 'me')).toEqual(['a+b']);
  });
});

describe('the cohort view as a member sees it', () => {
  it('lists as many pairs as fit in the field and says how many more there are', async () => {
    const { cohortEmbed } = await import('../../src/discord/render/cohort.js');
    const { loadCurriculum } = await import('../../src/curriculum/load.js');
    const curriculum = loadCurriculum('curriculum');
    const topic = curriculum.onTrack('python')[3]!;
    const members = Array.from({ length: 200 }, (_, n) => ({ userId: String(400000000000000000n + BigInt(n)), track: 'python', topic, position: 3, at: n }));
    const pairs = suggestPairs(members, 'nobody');
    expect(pairs).toHaveLength(100);
    const embed = cohortEmbed({ since: '2026-11-12', members, pairs, callerHidden: false, more: 0 }, 'nobody', curriculum);
    const value = embed.fields[0]!.value;
    expect(value.length).toBeLessThanOrEqual(1024);
    const listed = value.split('\n').filter((line) => line.includes(' and <@')).length;
    expect(value).toContain(`…and ${100 - listed} more pairs`);
    expect(embed.description.length).toBeLessThanOrEqual(4096);
  });
});
