import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError, WriteInDoubtError } from '../../src/errors.js';
import { OwnRedisCluster } from '../../standin/redis-cluster.js';
import { progressHarness } from '../support/services.js';

let cluster: OwnRedisCluster;
let h: Awaited<ReturnType<typeof progressHarness>>;

beforeAll(async () => {
  cluster = await OwnRedisCluster.start(3);
  h = await progressHarness('cluster', { url: cluster.url });
}, 60_000);
afterAll(async () => {
  await h?.close().catch(() => undefined);
  await cluster?.destroy();
});

// Guilds spread over the three masters' slots.
const members = Array.from({ length: 30 }, (_, n) => ({ guildId: String(100 + n), userId: 'u' }));
let interaction = 0;
/** Topics each member was told are done. */
const acknowledged = new Map<string, number>();

/** A /done for every member; each either answers or fails with an error the router turns into a clear answer. */
async function round(): Promise<{ ok: number; unavailable: number }> {
  const results = await Promise.allSettled(members.map((m) => h.service.done(m, null, `i${++interaction}`)));
  let ok = 0;
  let unavailable = 0;
  for (const [n, r] of results.entries()) {
    if (r.status === 'fulfilled') {
      ok++;
      if (r.value.kind === 'recorded') acknowledged.set(members[n]!.guildId, (acknowledged.get(members[n]!.guildId) ?? 0) + 1);
    }
    else if (r.reason instanceof StoreUnavailableError || r.reason instanceof WriteInDoubtError) unavailable++;
    else throw r.reason;
  }
  return { ok, unavailable };
}

describe('a Redis Cluster losing a master under load', () => {
  it('answers every command clearly while the master is down, and serves them all again once it is back', async () => {
    expect(await round()).toEqual({ ok: members.length, unavailable: 0 });
    await cluster.kill(0);
    const down = await round();
    expect(down.ok + down.unavailable).toBe(members.length);
    expect(down.unavailable).toBeGreaterThan(0);
    await cluster.resume(0);
    await cluster.waitUntilOk();
    await expect.poll(async () => (await round()).unavailable, { timeout: 20_000, interval: 500 }).toBe(0);
    // Nothing acknowledged was lost (a write in doubt may have been applied too, never the reverse).
    for (const m of members) expect((await h.service.progress(m)).done).toBeGreaterThanOrEqual(acknowledged.get(m.guildId)!);
  }, 90_000);
});
