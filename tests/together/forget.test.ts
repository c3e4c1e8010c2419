import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeetupStore } from '../../src/meetups/meetup-store.js';
import { showQuestion } from '../../src/progress/self-check.js';
import { CooldownStore } from '../../src/store/cooldown-store.js';
import { MemberDataStore } from '../../src/store/member-data-store.js';
import { PrivacyStore } from '../../src/store/privacy-store.js';
import { PrivacyService } from '../../src/together/privacy-service.js';
import { DAY } from '../support/fake-clock.js';
import { progressHarness } from '../support/services.js';
import { tracesOf as traces } from '../support/traces.js';

type Harness = Awaited<ReturnType<typeof progressHarness>>;
let h: Harness;
let privacy: PrivacyService;
const GUILD = '7';
const ME = '4242';
const OTHER = '5151';
const me = { guildId: GUILD, userId: ME };
const other = { guildId: GUILD, userId: OTHER };

beforeAll(async () => {
  h = await progressHarness('forget', { curriculumDir: 'curriculum', guildId: GUILD, zone: 'Europe/Berlin' });
  privacy = new PrivacyService(new PrivacyStore(h.redis, h.keys), new MemberDataStore(h.redis, h.keys), h.clock);
});
afterAll(async () => h?.close());

const tracesOf = (userId: string) => traces(h.redis, h.keys.prefix, userId);

/** Leaves a trace of the member everywhere the bot stores one. */
async function studyEverywhere(m: typeof me) {
  await h.service.setTrack(m, 'python');
  await h.service.done(m, null, h.nextInteraction(), 'https://github.com/ada/first');
  h.clock.advance(DAY);
  await h.service.done(m, null, h.nextInteraction());
  await h.service.skip(m, null, h.nextInteraction());
  const topic = h.curriculum.get((await h.service.progress(m)).work[0]!.topicId)!;
  const shown = showQuestion(topic, 0)!;
  await h.service.answerCheck(m, { topicId: topic.id, index: 0, position: shown.right, tag: shown.tag }, h.nextInteraction());
  await new CooldownStore(h.redis, h.keys, h.clock, 5).take(GUILD, m.userId);
  const meetups = new MeetupStore(h.redis, h.keys);
  const id = `mt${m.userId}`;
  await meetups.create({ guildId: GUILD, id, title: 'SQL night', startMs: h.clock.now() + DAY, minutes: 60, channelId: '1', createdBy: m.userId });
  await meetups.toggleRsvp(GUILD, id, m.userId);
  await meetups.toggleRsvp(GUILD, id, m.userId === ME ? OTHER : ME);
}

describe('/forget-me', () => {
  beforeAll(async () => {
    await studyEverywhere(me);
    await studyEverywhere(other);
    await privacy.setHidden(GUILD, ME, true);
  });

  it('finds the member in their own keys and in the shared ones before the erase', async () => {
    const before = await tracesOf(ME);
    for (const part of [':member:4242', ':member:4242:topics', ':member:4242:work', ':member:4242:checks', ':member:4242:log', ':member:4242:reviews', ':member:4242:cooldown']) {
      expect(before).toContain(`key ${h.keys.prefix}:{g:${GUILD}}${part}`);
    }
    for (const shared of [h.keys.boardAll(GUILD), h.keys.activeMembers(GUILD), h.keys.privateMembers(GUILD), h.keys.meetupRsvp(GUILD, 'mt4242'), h.keys.meetupRsvp(GUILD, 'mt5151'), h.keys.meetup(GUILD, 'mt4242')]) {
      expect(before).toContain(`in ${shared}`);
    }
  });

  it('leaves no key of the member and no trace in any shared key, and says what it erased', async () => {
    const result = await privacy.forget(GUILD, ME);
    expect(result).toMatchObject({ kind: 'erased', what: { topics: 3, work: 1, checks: 1, undoSteps: 3, rsvps: 2, meetupsCreated: 1, hidden: true, active: true } });
    expect(result.kind === 'erased' && result.what.boards).toBeGreaterThanOrEqual(3);
    expect(await tracesOf(ME)).toEqual([]);
  });

  it('leaves every other member as they were', async () => {
    const report = await h.service.progress(other);
    expect(report).toMatchObject({ done: 2, skipped: 1 });
    expect(report.work).toHaveLength(1);
    expect(await tracesOf(OTHER)).toContain(`in ${h.keys.boardAll(GUILD)}`);
    expect(await h.redis.hget(h.keys.meetup(GUILD, 'mt5151'), 'createdBy')).toBe(OTHER);
    // The meetup the erased member created stays for the group, without their name.
    expect(await h.redis.hgetall(h.keys.meetup(GUILD, 'mt4242'))).toMatchObject({ title: 'SQL night' });
  });

  it('a second erase finds nothing to erase', async () => {
    expect(await privacy.forget(GUILD, ME)).toEqual({ kind: 'nothing' });
  });

  it('a member who only chose a track has that erased', async () => {
    await h.service.setTrack({ guildId: GUILD, userId: '6060' }, 'node');
    expect(await privacy.forget(GUILD, '6060')).toMatchObject({ kind: 'erased', what: { topics: 0 } });
    expect(await tracesOf('6060')).toEqual([]);
  });
});
