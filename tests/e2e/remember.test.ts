import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeenMessage } from '../../standin/member.js';
import { DAY, FakeClock } from '../support/fake-clock.js';
import { pointsOf, roadmap } from '../support/roadmap.js';
import { SMALL_CURRICULUM } from '../support/services.js';
import { World } from '../support/world.js';

/**
 * Learning and remembering over the wire: the real discord.js client on the stand-in, the real
 * Redis, a fake clock moved across days. Self-checks after a done, reviews after 1, 7 and 30 days,
 * streak freezes; and a server's own curriculum without questions.
 */
const clock = new FakeClock(Date.parse('2026-11-23T10:00:00Z')); // a Monday
let world: World;
let nextUser = 400000000000000700n;
const newMember = () => world.member(String(nextUser++));

beforeAll(async () => {
  world = await World.start('remember', { clock, ticker: false });
});
afterAll(async () => world?.stop());

const TOPIC = 'how-the-internet-works';
const questions = roadmap.get(TOPIC)!.check;
const buttons = (m: SeenMessage) => m.components.flatMap((row) => row.components) as Array<{ custom_id: string; label: string; disabled?: boolean; style?: number }>;
const button = (m: SeenMessage, label: string) => {
  const found = buttons(m).find((b) => b.label === label);
  if (!found) throw new Error(`no button "${label}" among ${buttons(m).map((b) => b.label).join(', ')}`);
  return found.custom_id;
};
const field = (m: SeenMessage, name: string) => m.embeds[0]?.fields?.find((f) => f.name === name)?.value;

describe('Check yourself', () => {
  it('asks the topic’s questions privately, grades right and wrong with the explanation, and adds 2 points once for a right first answer', async () => {
    clock.set('2026-11-23T10:00:00Z');
    const learner = newMember();
    const [celebration] = await learner.run('done', { topic: TOPIC }).messages(1);
    expect(celebration!.ephemeral).toBe(false);
    expect(buttons(celebration!).map((b) => b.label)).toEqual(['My next topic', 'Check yourself']);

    const first = await learner.press(button(celebration!, 'Check yourself')).reply();
    expect(first.kind).toBe('reply');
    expect(first.ephemeral).toBe(true);
    expect(first.embeds[0]!.author?.name).toBe('Check yourself · How the internet works');
    expect(first.embeds[0]!.title).toBe(`Question 1 of ${questions.length}`);
    expect(first.embeds[0]!.description).toBe(questions[0]!.question);
    expect(first.embeds[0]!.footer?.text).toBe('Right on the first try: +2 points.');
    expect(buttons(first).map((b) => b.label).sort()).toEqual([questions[0]!.answer, ...questions[0]!.wrong].sort());

    const right = await learner.press(button(first, questions[0]!.answer)).reply();
    expect(right.kind).toBe('update'); // the question becomes its result, in the same private message
    expect(right.embeds[0]!.title).toBe(`✅ Right! · Question 1 of ${questions.length}`);
    expect(right.embeds[0]!.description).toContain(questions[0]!.explain);
    expect(right.embeds[0]!.footer?.text).toBe('+2 points for a right first answer.');
    expect(buttons(right).filter((b) => b.disabled)).toHaveLength(questions[0]!.wrong.length + 1);

    // Pressed again (a double click, or an old copy of the question): shown again, never counted again.
    const again = await learner.press(button(first, questions[0]!.answer)).reply();
    expect(again.embeds[0]!.footer?.text).toBe('Your first answer to this one was right and earned its points, so this one earns nothing.');

    const second = await learner.press(button(right, 'Next question')).reply();
    expect(second.kind).toBe('update');
    expect(second.embeds[0]!.title).toBe(`Question 2 of ${questions.length}`);
    const wrong = await learner.press(button(second, questions[1]!.wrong[0]!)).reply();
    expect(wrong.embeds[0]!.title).toBe(`❌ Not quite · Question 2 of ${questions.length}`);
    expect(wrong.embeds[0]!.description).toContain(`You chose **${questions[1]!.wrong[0]}**. The answer: **${questions[1]!.answer}**.`);
    expect(wrong.embeds[0]!.description).toContain(questions[1]!.explain);
    expect(wrong.embeds[0]!.footer?.text).toBe('No points this time: only a right first answer earns them.');
    // The right answer after a wrong first one earns nothing either.
    const late = await learner.press(button(second, questions[1]!.answer)).reply();
    expect(late.embeds[0]!.footer?.text).toBe('Your first answer to this one was wrong, so this one earns nothing.');

    const points = pointsOf(TOPIC) + 2;
    const progress = await learner.run('progress').reply();
    expect(field(progress, 'Points')).toBe(`${points} (2 from self-checks)`);
    const board = await learner.run('leaderboard', { period: 'all' }).reply();
    expect(board.embeds[0]!.description).toContain(`<@${learner.userId}> — ${points} points`);
  });

  it('the last question says so and points to /review', async () => {
    const learner = newMember();
    const [celebration] = await learner.run('done', { topic: TOPIC }).messages(1);
    let question = await learner.press(button(celebration!, 'Check yourself')).reply();
    for (let n = 0; n < questions.length; n++) {
      const result = await learner.press(button(question, questions[n]!.answer)).reply();
      if (n + 1 < questions.length) question = await learner.press(button(result, 'Next question')).reply();
      else expect(result.content).toBe('That was the last question. **How the internet works** comes back in `/review` after 1 day.');
    }
    expect(field(await learner.run('progress').reply(), 'Points')).toBe(`${pointsOf(TOPIC) + 2 * questions.length} (${2 * questions.length} from self-checks)`);
  });

  it('pressed by another member, on someone else’s celebration, answers them privately and counts nothing', async () => {
    const learner = newMember();
    const [celebration] = await learner.run('done', { topic: TOPIC }).messages(1);
    const question = await learner.press(button(celebration!, 'Check yourself')).reply();
    const other = newMember();
    for (const id of [button(celebration!, 'Check yourself'), button(question, questions[0]!.answer)]) {
      const reply = await other.press(id).reply();
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toContain('**How the internet works** is not marked done for you');
    }
    expect((await other.run('progress').reply()).content).toContain('You have not started yet');
  });

  it('after /undo of the topic, an old question answers clearly and counts nothing; the bonus earned stays', async () => {
    const learner = newMember();
    const [celebration] = await learner.run('done', { topic: TOPIC }).messages(1);
    const question = await learner.press(button(celebration!, 'Check yourself')).reply();
    await learner.press(button(question, questions[0]!.answer)).reply();
    await learner.run('undo').reply();
    const stale = await learner.press(button(question, questions[0]!.wrong[0]!)).reply();
    expect(stale.ephemeral).toBe(true);
    expect(stale.content).toContain('reopened it with `/undo`');
    const board = await learner.run('leaderboard', { period: 'all' }).reply();
    expect(board.embeds[0]!.description).toContain(`<@${learner.userId}> — 2 points`);
  });

  it('an answer button from an older message format gets a clear answer', async () => {
    const reply = await newMember().press(`v1:answer:${TOPIC}-q0-o1-zzz`).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('not marked done for you');
    const old = await newMember().press('v1:answer:nonsense').reply();
    expect(old.content).toContain('older version of Syllabot');
  });
});

describe('/review', () => {
  it('brings a finished topic back after 1, 7 and 30 days; a wrong answer sends it back to 1; a review missed while the bot was down stays due', async () => {
    clock.set('2026-11-23T10:00:00Z');
    const learner = newMember();
    await learner.run('done', { topic: TOPIC }).messages(1);
    expect((await learner.run('review').reply()).content).toBe('Nothing to review today. Next: **How the internet works** on Tue 24 Nov.');

    const take = async (right: boolean) => {
      const list = await learner.run('review').reply();
      expect(list.ephemeral).toBe(true);
      const asked = questions.find((q) => q.question === list.embeds[0]!.description)!;
      const result = await learner.press(button(list, right ? asked.answer : asked.wrong[0]!)).reply();
      expect(result.kind).toBe('update');
      return { list, result };
    };

    clock.advance(DAY); // Tue 24 Nov
    expect((await learner.run('next').reply()).content).toContain('📚 1 review due: `/review`');
    const first = await take(true);
    expect(first.list.content).toBe('📚 1 review due, oldest first:\n1. **How the internet works** — due today');
    expect(first.list.embeds[0]!.author?.name).toBe('Review · How the internet works');
    expect(first.list.embeds[0]!.footer?.text).toBe('Review 1 of 3 · right: back in 7 days · wrong: back tomorrow');
    expect(first.result.content).toBe('**How the internet works** comes back in 7 days (Tue 1 Dec).\nThat was your last review due today.');
    expect((await learner.run('review').reply()).content).toBe('Nothing to review today. Next: **How the internet works** on Tue 1 Dec.');
    const answeredAgain = await learner.press(button(first.result, questions.find((q) => q.question === first.list.embeds[0]!.description)!.answer)).reply();
    expect(answeredAgain.content).toBe('You already took this review: **How the internet works** comes back on Tue 1 Dec. `/review` shows what is due.');

    clock.advance(7 * DAY); // Tue 1 Dec
    const wrong = await take(false);
    expect(wrong.result.embeds[0]!.title).toBe('❌ Not quite');
    expect(wrong.result.content).toContain('comes back in 1 day (Wed 2 Dec)');

    clock.advance(DAY); // Wed 2 Dec: back at the first gap
    expect((await take(true)).result.content).toContain('comes back in 7 days (Wed 9 Dec)');

    // The bot is down over the 9th; the review waits.
    await world.stopBot();
    clock.advance(10 * DAY); // Sat 12 Dec
    await world.startBot();
    const late = await take(true);
    expect(late.list.content).toBe('📚 1 review due, oldest first:\n1. **How the internet works** — due since Wed 9 Dec');
    expect(late.result.content).toContain('comes back in 30 days (Mon 11 Jan)');

    clock.advance(30 * DAY); // Mon 11 Jan
    const last = await take(true);
    expect(last.list.embeds[0]!.footer?.text).toBe('Last review · right: it graduates · wrong: back tomorrow');
    expect(last.result.content).toBe('🎓 **How the internet works** graduated: no more reviews.\nThat was your last review due today.');
    expect((await learner.run('review').reply()).content).toBe('No reviews planned. Topics you finish with `/done` come back here after 1, 7, 30 days.');
  });

  it('lists several due reviews oldest first, with a Next review button; undo removes a done’s review; skipped topics never come', async () => {
    clock.set('2026-11-23T10:00:00Z');
    const learner = newMember();
    await learner.run('done', { topic: TOPIC }).messages(1);
    clock.advance(DAY);
    await learner.run('done', { topic: 'http-basics' }).messages(1);
    await learner.run('done', { topic: 'dns' }).messages(1);
    await learner.run('undo').reply(); // dns open again: no review for it
    await learner.run('skip', { topic: 'browsers' }).reply();
    clock.advance(2 * DAY);
    const list = await learner.run('review').reply();
    expect(list.content).toBe('📚 2 reviews due, oldest first:\n1. **How the internet works** — due since Tue 24 Nov\n2. **HTTP basics** — due since Wed 25 Nov');
    expect(field(await learner.run('progress').reply(), 'Reviews')).toBe('2 due · `/review`');
    const asked = questions.find((q) => q.question === list.embeds[0]!.description)!;
    const result = await learner.press(button(list, asked.answer)).reply();
    const next = await learner.press(button(result, 'Next review (1 left)')).reply();
    expect(next.kind).toBe('update');
    expect(next.embeds[0]!.author?.name).toBe('Review · HTTP basics');
  });
});

describe('streak freezes', () => {
  it('one is earned by 7 days in a row, covers a single missed day, and two missed days end the streak', async () => {
    clock.set('2026-11-02T10:00:00Z');
    const learner = newMember();
    let celebration: SeenMessage | undefined;
    for (let day = 0; day < 7; day++) {
      if (day) clock.advance(DAY);
      [celebration] = await learner.run('done').messages(1);
    }
    expect(celebration!.content).toContain('🔥 7-day streak, 🧊 earned a streak freeze)');
    let progress = await learner.run('progress').reply();
    expect(field(progress, 'Streak')).toBe('7 days (best 7) · 🧊 1 freeze held');
    expect(progress.embeds[0]!.footer?.text).toBe('🧊 7 study days in a row earn a streak freeze (2 at most); a freeze covers one missed day, two missed days in a row end the streak.');

    clock.advance(2 * DAY); // the 9th: nothing on the 8th
    progress = await learner.run('progress').reply();
    expect(field(progress, 'Streak')).toBe('7 days (best 7) · 🧊 1 freeze held\nOne covers yesterday if you study today.');
    [celebration] = await learner.run('done').messages(1);
    expect(celebration!.content).toContain('🔥 8-day streak, a freeze covered the missed day)');
    progress = await learner.run('progress').reply();
    expect(field(progress, 'Streak')).toBe('8 days (best 8) · 🧊 0 freezes held');

    clock.advance(DAY);
    await learner.run('done').messages(1); // the 10th: 9 days
    clock.advance(3 * DAY); // the 13th: nothing on the 11th and 12th
    expect(field(await learner.run('progress').reply(), 'Streak')).toBe('0 days (best 9) · 🧊 0 freezes held');
    [celebration] = await learner.run('done').messages(1);
    expect(celebration!.content).not.toContain('streak');
    expect(field(await learner.run('progress').reply(), 'Streak')).toBe('1 day (best 9) · 🧊 0 freezes held');
  });

  it('two missed days break the streak even with two freezes held', async () => {
    clock.set('2026-11-02T10:00:00Z');
    const learner = newMember();
    for (let day = 0; day < 14; day++) {
      if (day) clock.advance(DAY);
      await learner.run('done').messages(1);
    }
    expect(field(await learner.run('progress').reply(), 'Streak')).toBe('14 days (best 14) · 🧊 2 freezes held');
    clock.advance(3 * DAY);
    const [celebration] = await learner.run('done').messages(1);
    expect(celebration!.content).not.toContain('streak');
    const progress = await learner.run('progress').reply();
    expect(field(progress, 'Streak')).toBe('1 day (best 14) · 🧊 2 freezes held');
  });
});

describe('/help', () => {
  it('explains self-checks, reviews and freezes, and lists /review', async () => {
    const help = (await newMember().run('help').reply()).embeds[0]!.description!;
    expect(help).toContain('**Check yourself** asks the topic’s questions (+2 points for each one right on the first try)');
    expect(help).toContain('`/review` brings finished topics back after 1, 7, 30 days');
    expect(help).toContain('**Streak freezes:** 7 study days in a row earn a streak freeze (2 at most)');
    expect(help).toContain('`/review` — Review topics you finished');
  });
});

describe('a server’s own curriculum without questions', () => {
  let own: World;
  beforeAll(async () => {
    own = await World.start('remember-own', { clock, ticker: false, curriculumDir: SMALL_CURRICULUM });
  });
  afterAll(async () => own?.stop());

  it('offers no Check yourself, and reviews show the topic card and ask “still clear?”', async () => {
    clock.set('2026-11-23T10:00:00Z');
    const learner = own.member('400000000000000790');
    const [celebration] = await learner.run('done', { topic: 'alpha' }).messages(1);
    expect(buttons(celebration!).map((b) => b.label)).toEqual(['My next topic']);
    clock.advance(DAY);
    const list = await learner.run('review').reply();
    expect(list.content).toBe('📚 1 review due, oldest first:\n1. **Alpha** — due today\n\n**Alpha**: still clear?');
    expect(list.embeds[0]!.title).toBe('Alpha');
    expect(buttons(list).map((b) => b.label)).toEqual(['Yes, still clear', 'Not really']);
    const result = await learner.press(button(list, 'Yes, still clear')).reply();
    expect(result.embeds[0]!.title).toBe('✅ Still clear');
    expect(result.content).toContain('**Alpha** comes back in 7 days (Tue 1 Dec).');
    const pressedAgain = await learner.press(button(list, 'Not really')).reply();
    expect(pressedAgain.content).toContain('You already took this review');
  });
});
