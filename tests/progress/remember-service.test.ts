import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberRef } from '../../src/store/progress-store.js';
import { showQuestion } from '../../src/progress/self-check.js';
import { DAY, HOUR } from '../support/fake-clock.js';
import { progressHarness } from '../support/services.js';

type Harness = Awaited<ReturnType<typeof progressHarness>>;
let h: Harness;
let n = 0;
const fresh = (): MemberRef => ({ guildId: '1', userId: `r${++n}` });

beforeAll(async () => {
  h = await progressHarness('remember', { curriculumDir: './curriculum' });
});
afterAll(async () => h?.close());

const done = (m: MemberRef, topic: string | null = null) => h.service.done(m, topic, h.nextInteraction());
const topic = () => h.curriculum.get('how-the-internet-works')!;
const rightAnswer = (index: number, id = 'how-the-internet-works') => {
  const shown = showQuestion(h.curriculum.get(id)!, index)!;
  return { topicId: id, index, position: shown.right, tag: shown.tag };
};
const wrongAnswer = (index: number) => {
  const r = rightAnswer(index);
  return { ...r, position: (r.position + 1) % (topic().check[index]!.wrong.length + 1) };
};

describe('self-checks in Redis', () => {
  it('a right first answer adds the bonus to the member and every board, once', async () => {
    h.clock.set('2026-11-23T10:00:00Z');
    const m = fresh();
    await done(m, 'how-the-internet-works');
    const base = topic().points;
    expect(await h.service.answerCheck(m, rightAnswer(0), 'ans-1')).toMatchObject({ kind: 'answered', right: true, bonus: 2 });
    expect(await h.service.answerCheck(m, rightAnswer(0), 'ans-1')).toEqual({ kind: 'replay' }); // the same interaction again
    expect(await h.service.answerCheck(m, rightAnswer(0), h.nextInteraction())).toMatchObject({ kind: 'answered', bonus: 0, earlier: '1' }); // pressed again
    expect(await h.service.answerCheck(m, wrongAnswer(1), h.nextInteraction())).toMatchObject({ kind: 'answered', right: false, bonus: 0 });
    expect(await h.service.answerCheck(m, rightAnswer(1), h.nextInteraction())).toMatchObject({ kind: 'answered', right: true, bonus: 0, earlier: '0' });
    const report = await h.service.progress(m);
    expect(report).toMatchObject({ points: base + 2, bonus: 2 });
    for (const period of ['week', 'month', 'all'] as const) expect((await h.service.leaderboard(m.guildId, period, m.userId)).points).toBe(base + 2);
  });

  it('starts at the first question not answered yet', async () => {
    const m = fresh();
    await done(m, 'how-the-internet-works');
    expect(await h.service.checkQuestion(m, 'how-the-internet-works')).toMatchObject({ kind: 'question', index: 0, earlier: undefined });
    await h.service.answerCheck(m, wrongAnswer(0), h.nextInteraction());
    expect(await h.service.checkQuestion(m, 'how-the-internet-works')).toMatchObject({ kind: 'question', index: 1 });
    expect(await h.service.checkQuestion(m, 'how-the-internet-works', 0)).toMatchObject({ kind: 'question', index: 0, earlier: '0' });
  });

  it('is refused for a topic the member has not done, or reopened with /undo, and undo leaves the bonus earned', async () => {
    const m = fresh();
    expect(await h.service.checkQuestion(m, 'how-the-internet-works')).toMatchObject({ kind: 'not-done' });
    await done(m, 'how-the-internet-works');
    await h.service.answerCheck(m, rightAnswer(0), h.nextInteraction());
    await h.service.undo(m, h.nextInteraction());
    expect(await h.service.answerCheck(m, rightAnswer(1), h.nextInteraction())).toMatchObject({ kind: 'not-done' });
    expect(await h.service.progress(m)).toMatchObject({ points: 2, bonus: 2 });
    // Done again: the question answered before earns nothing again.
    await done(m, 'how-the-internet-works');
    expect(await h.service.answerCheck(m, rightAnswer(0), h.nextInteraction())).toMatchObject({ bonus: 0, earlier: '1' });
  });

  it('refuses an answer decided on a member who changed meanwhile, then decides again', async () => {
    const m = fresh();
    await done(m, 'how-the-internet-works');
    const { member } = await h.store.read(m);
    await done(m, 'http-basics'); // moves the version
    expect(await h.store.applyAnswer(m, member.version, { field: 'how-the-internet-works:0', value: '1', bonus: 2, periods: { day: '2026-11-23', yesterday: '', week: '2026-W48', month: '2026-11' } }, 'stale-1')).toBe('stale');
    expect(await h.redis.hgetall(h.keys.memberChecks(m.guildId, m.userId))).toEqual({});
  });
});

describe('reviews in Redis', () => {
  it('fall due after 1, 7 and 30 local days, and graduate', async () => {
    h.clock.set('2026-11-23T10:00:00Z');
    const m = fresh();
    await done(m, 'how-the-internet-works');
    expect((await h.service.next(m)).reviewsDue).toBe(0);
    expect((await h.service.reviews(m)).upcoming).toMatchObject({ review: { due: '2026-11-24' } });
    for (const [days, stage] of [[1, 0], [7, 1], [30, 2]] as const) {
      h.clock.advance(days * DAY);
      const list = await h.service.reviews(m);
      expect(list.current).toMatchObject({ topic: { id: 'how-the-internet-works' }, review: { stage } });
      expect((await h.service.next(m)).reviewsDue).toBe(1);
      const shown = list.current!.shown!;
      const result = await h.service.answerReview(m, { topicId: 'how-the-internet-works', index: list.current!.index!, position: shown.right, tag: shown.tag }, h.nextInteraction());
      expect(result).toMatchObject({ kind: 'reviewed', right: true });
    }
    expect(await h.redis.hgetall(h.keys.memberReviews(m.guildId, m.userId))).toEqual({});
    expect((await h.service.reviews(m)).due).toEqual([]);
  });

  it('a wrong review comes back the next day; a second press or a replay changes nothing', async () => {
    h.clock.set('2026-11-23T10:00:00Z');
    const m = fresh();
    await done(m, 'how-the-internet-works');
    h.clock.advance(3 * DAY); // due on the 24th; the bot was down until the 26th: still due
    const { current } = await h.service.reviews(m);
    expect(current?.review.due).toBe('2026-11-24');
    const shown = current!.shown!;
    const wrong = { topicId: 'how-the-internet-works', index: current!.index!, position: (shown.right + 1) % shown.options.length, tag: shown.tag };
    expect(await h.service.answerReview(m, wrong, 'rev-1')).toMatchObject({ kind: 'reviewed', right: false, next: { stage: 0, due: '2026-11-27' } });
    expect(await h.service.answerReview(m, wrong, 'rev-1')).toEqual({ kind: 'replay' });
    expect(await h.service.answerReview(m, { ...wrong, position: shown.right }, h.nextInteraction())).toMatchObject({ kind: 'not-due', review: { due: '2026-11-27' } });
  });

  it('undoing a done removes its review; a skipped topic never has one', async () => {
    h.clock.set('2026-11-23T10:00:00Z');
    const m = fresh();
    await done(m, 'how-the-internet-works');
    await h.service.undo(m, h.nextInteraction());
    await h.service.skip(m, 'how-the-internet-works', h.nextInteraction());
    h.clock.advance(2 * DAY);
    expect(await h.redis.hgetall(h.keys.memberReviews(m.guildId, m.userId))).toEqual({});
    expect((await h.service.reviews(m)).due).toEqual([]);
  });
});

describe('streak freezes in Redis', () => {
  it('are earned on the 7th day, cover one missed day, and do not survive two', async () => {
    h.clock.set('2026-11-02T09:00:00Z');
    const m = fresh();
    for (let day = 0; day < 7; day++) {
      await done(m);
      if (day < 6) h.clock.advance(DAY);
    }
    expect(await h.service.progress(m)).toMatchObject({ streak: 7, freezes: 1, covering: false });
    h.clock.advance(2 * DAY); // the 9th: the 8th was missed
    expect(await h.service.progress(m)).toMatchObject({ streak: 7, freezes: 1, covering: true });
    expect(await done(m)).toMatchObject({ kind: 'recorded', streak: 8, usedFreeze: true });
    expect(await h.service.progress(m)).toMatchObject({ streak: 8, freezes: 0 });
    h.clock.advance(3 * DAY); // two missed days
    expect(await h.service.progress(m)).toMatchObject({ streak: 0 });
    expect(await done(m)).toMatchObject({ streak: 1, bestStreak: 8, usedFreeze: false });
  });

  it('undo gives back a freeze a done used', async () => {
    h.clock.set('2026-11-02T09:00:00Z');
    const m = fresh();
    for (let day = 0; day < 7; day++) {
      await done(m);
      h.clock.advance(DAY);
    }
    h.clock.advance(DAY);
    await done(m);
    expect(await h.service.progress(m)).toMatchObject({ streak: 8, freezes: 0 });
    await h.service.undo(m, h.nextInteraction());
    expect(await h.service.progress(m)).toMatchObject({ streak: 7, freezes: 1, covering: true });
  });

  it('survive the group changing its time zone mid-streak, counting no day twice', async () => {
    const guildId = 'tz-move';
    const m = { guildId, userId: 'u' };
    await h.redis.hset(h.keys.group(guildId), 'tz', 'Pacific/Honolulu');
    h.clock.set('2026-11-24T09:00:00Z'); // 23:00 on the 23rd in Honolulu
    await done(m);
    await h.redis.hset(h.keys.group(guildId), 'tz', 'Pacific/Kiritimati'); // now 23:00 on the 24th there
    h.clock.advance(HOUR / 2);
    expect(await done(m)).toMatchObject({ streak: 1 });
    h.clock.set('2026-11-25T06:00:00Z'); // 20:00 on the 25th in Kiritimati
    expect(await done(m)).toMatchObject({ streak: 2 });
  });
});

describe('undo entries stored before self-checks, reviews and freezes (version 2)', () => {
  it('still undo: the done goes, the freezes held stay, no review is left', async () => {
    const m = fresh();
    const k = h.keys;
    const entry = { v: 2, a: 'done', t: 'how-the-internet-works', pf: '', pv: '', p: 9, s: 0, b: 0, d: '', c: '', w: '2026-W48', m: '2026-11', at: 1763892000000 };
    await h.redis
      .multi()
      .hset(k.member(m.guildId, m.userId), { points: 9, streak: 1, bestStreak: 1, lastDay: '2026-11-23', cursor: 'http-basics', freezes: 1, v: 3 })
      .hset(k.memberTopics(m.guildId, m.userId), 'how-the-internet-works', 'done:1763892000000')
      .lpush(k.memberLog(m.guildId, m.userId), JSON.stringify(entry))
      .exec();
    expect(await h.service.undo(m, h.nextInteraction())).toMatchObject({ kind: 'ok', action: 'done', points: 9 });
    expect(await h.redis.hgetall(k.member(m.guildId, m.userId))).toMatchObject({ points: '0', streak: '0', freezes: '1' });
    expect(await h.redis.hgetall(k.memberTopics(m.guildId, m.userId))).toEqual({});
    expect(await h.redis.hgetall(k.memberReviews(m.guildId, m.userId))).toEqual({});
  });
});
