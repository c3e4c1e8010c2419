import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { OwnRedisServer } from '../../standin/redis-server.js';
import { roadmap } from '../support/roadmap.js';
import { GUILD, World } from '../support/world.js';

let world: World | undefined;
let redis: OwnRedisServer | undefined;
afterEach(async () => {
  await world?.stop();
  await redis?.destroy();
  world = redis = undefined;
});

const MEMBERS = 10;
const titleOf = (id: string) => roadmap.get(id)!.title;

/** What Redis holds as done for a member, by topic title. */
async function doneTitles(admin: Redis, prefix: string, userId: string): Promise<string[]> {
  const topics = await admin.hgetall(`${prefix}:{g:${GUILD}}:member:${userId}:topics`);
  return Object.entries(topics)
    .filter(([, value]) => value.startsWith('done:'))
    .map(([id]) => titleOf(id));
}

describe('a store that stalls', () => {
  it('tells every member what was stored when their /done was held for 5 seconds, and a repeated /done marks only the topic they were shown next', async () => {
    redis = await OwnRedisServer.start();
    world = await World.start('stall-writes', { redisUrl: redis.url });
    const admin = new Redis(redis.url);
    try {
      const members = Array.from({ length: MEMBERS }, (_, n) => world!.member(String(400000000000000900n + BigInt(n))));
      // Writes (scripts) wait 5 s; reads still answer, so each /done reads, decides and sends its write.
      await admin.call('CLIENT', 'PAUSE', '5000', 'WRITE');
      const answers = await Promise.all(members.map((m) => m.run('done').messages(1, 20_000)));
      for (const [n, member] of members.entries()) {
        const final = answers[n]![0]!;
        const stored = await doneTitles(admin, world.prefix, member.userId);
        expect(stored).toHaveLength(1);
        expect(final.content).toContain(`finished **${stored[0]}**`);
      }
      // Told what is next, a member who runs /done again finishes exactly that topic.
      const member = members[0]!;
      const shownNext = /Next up: \*\*(.+?)\*\*/.exec(answers[0]![0]!.content)![1]!;
      await member.run('done').messages(1);
      expect(await doneTitles(admin, world.prefix, member.userId)).toEqual(expect.arrayContaining([shownNext]));
      expect(await doneTitles(admin, world.prefix, member.userId)).toHaveLength(2);
    } finally {
      admin.disconnect();
    }
  }, 60_000);

  it('says nothing was changed only when nothing was: a /done whose read timed out stores nothing', async () => {
    redis = await OwnRedisServer.start();
    world = await World.start('stall-reads', { redisUrl: redis.url });
    const admin = new Redis(redis.url);
    try {
      const member = world.member('400000000000000950');
      await admin.call('CLIENT', 'PAUSE', '3000', 'ALL');
      const [answer] = await member.run('done').messages(1, 10_000);
      await new Promise((r) => setTimeout(r, 3_000));
      expect(answer!.content).toContain('Nothing was changed');
      expect(await doneTitles(admin, world.prefix, member.userId)).toEqual([]);
    } finally {
      admin.disconnect();
    }
  }, 30_000);
});
