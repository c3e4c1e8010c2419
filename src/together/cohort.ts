import type { Topic } from '../curriculum/types.js';

/** A member as the cohort view shows them: where they are on their track. */
export interface CohortMember {
  userId: string;
  track: string;
  /** Their current topic; undefined when they have finished the track */
  topic?: Topic;
  /** The topic's place in the track's order (0-based); -1 when finished */
  position: number;
  /** When they last finished or skipped a topic (ms) */
  at: number;
}

export interface StudyPair {
  members: [string, string];
  /** Both on the same topic (else on neighbouring topics of the track) */
  sameTopic: boolean;
}

/** How far apart two members' topics may be, in the track's order, to study as a pair. */
const PAIR_DISTANCE = 1;

/**
 * Study-pair suggestions: two members on the same track whose current topics are the same or next
 * to each other, each member in at most one pair. The caller is paired first (with the closest
 * member, then the most recently active); the rest are matched along each track in curriculum order,
 * which pairs as many as can be (on a line, pairing each member with the next one within reach
 * whenever possible is never worse than skipping them). The caller's pair comes first.
 */
export function suggestPairs(members: readonly CohortMember[], callerId: string): StudyPair[] {
  const open = members.filter((m) => m.topic && m.position >= 0);
  const taken = new Set<string>();
  const pairs: StudyPair[] = [];
  const pair = (a: CohortMember, b: CohortMember) => {
    taken.add(a.userId).add(b.userId);
    pairs.push({ members: [a.userId, b.userId], sameTopic: a.position === b.position });
  };

  const caller = open.find((m) => m.userId === callerId);
  if (caller) {
    const partner = open
      .filter((m) => m !== caller && within(m, caller))
      .sort((a, b) => Math.abs(a.position - caller.position) - Math.abs(b.position - caller.position) || b.at - a.at || compare(a.userId, b.userId))[0];
    if (partner) pair(caller, partner);
  }

  const byTrack = new Map<string, CohortMember[]>();
  for (const m of open) if (!taken.has(m.userId)) byTrack.set(m.track, [...(byTrack.get(m.track) ?? []), m]);
  for (const line of byTrack.values()) {
    line.sort((a, b) => a.position - b.position || b.at - a.at || compare(a.userId, b.userId));
    for (let n = 0; n + 1 < line.length; n++) {
      if (within(line[n]!, line[n + 1]!)) pair(line[n]!, line[++n]!);
    }
  }
  return pairs;
}

const within = (a: CohortMember, b: CohortMember) => a.track === b.track && Math.abs(a.position - b.position) <= PAIR_DISTANCE;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
