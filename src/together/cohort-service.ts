import type { Clock } from '../clock.js';
import type { Curriculum } from '../curriculum/curriculum.js';
import { closedTopics, emptyMember } from '../progress/member-state.js';
import { pickNext } from '../progress/next-topic.js';
import { addDays, periodsAt, startOfDay } from '../progress/periods.js';
import type { CohortStore } from '../store/cohort-store.js';
import { ACTIVE_KEEP_MS } from '../store/keys.js';
import { suggestPairs, type CohortMember, type StudyPair } from './cohort.js';

/** Local days the cohort view looks back: today and the 13 before it. */
export const COHORT_DAYS = 14;
/** Most members the view reads (the most recently active first); a larger group is told how many more. */
export const COHORT_LIMIT = 300;

export interface CohortView {
  /** The first local day counted */
  since: string;
  /** Members shown, in curriculum order of their current topic (finished members last) */
  members: CohortMember[];
  pairs: StudyPair[];
  /** The caller hides (/privacy): not listed, not paired */
  callerHidden: boolean;
  /** Active members past COHORT_LIMIT, not read */
  more: number;
}

/**
 * Who in the server studied in the last 14 local days, where each of them is, and who might study
 * together. Members who hide (/privacy) are left out. No Discord here.
 */
export class CohortService {
  constructor(
    private readonly store: CohortStore,
    private readonly curriculum: Curriculum,
    private readonly clock: Clock,
  ) {}

  async view(guildId: string, callerId: string): Promise<CohortView> {
    const { zone = 'UTC', active, hidden } = await this.store.recent(guildId, COHORT_LIMIT + 1, this.clock.now() - ACTIVE_KEEP_MS);
    const since = addDays(periodsAt(this.clock.now(), zone).day, -(COHORT_DAYS - 1));
    const sinceMs = startOfDay(since, zone);
    const recent = active.filter((a) => a.at >= sinceMs);
    const shown = recent.slice(0, COHORT_LIMIT).filter((a) => !hidden.has(a.userId));
    const ids = shown.map((a) => a.userId);
    const positions = await this.store.positions(guildId, ids);
    const unknown = ids.filter((id) => !positions.get(id)?.cursor);
    const topics = await this.store.topics(guildId, unknown);

    const members = shown.map(({ userId, at }): CohortMember => {
      const { track = this.curriculum.defaultTrack, cursor } = positions.get(userId) ?? {};
      const closed = closedTopics(this.curriculum, { ...emptyMember(), topics: topics.get(userId) ?? {} });
      // pickNext keeps the cursor (the topic they were shown as next) while it is open on their
      // track; only members without one had their closed topics read, for the rules to pick from.
      const topic = pickNext(this.curriculum, track, closed, cursor);
      const position = topic ? this.curriculum.onTrack(track).indexOf(topic) : -1;
      return { userId, track, topic, position, at };
    });
    members.sort((a, b) => order(a) - order(b) || b.at - a.at);
    return { since, members, pairs: suggestPairs(members, callerId), callerHidden: hidden.has(callerId), more: recent.length > COHORT_LIMIT ? (await this.store.countSince(guildId, sinceMs)) - COHORT_LIMIT : 0 };
  }
}

/** Curriculum order of the current topic; finished members after everyone still studying. */
const order = (m: CohortMember) => (m.topic ? m.topic.order : Number.MAX_SAFE_INTEGER);
