import type { Curriculum } from '../../curriculum/curriculum.js';
import type { CohortView } from '../../together/cohort-service.js';
import type { CohortMember, StudyPair } from '../../together/cohort.js';
import { clip, COLOUR, fitLines, LIMIT } from './common.js';

/** Members listed per module before "and N more". */
const PER_MODULE = 12;

/**
 * The cohort view: who studied in the last 14 days, by module and current topic, and study-pair
 * suggestions, the caller's first. Members appear as mentions, which Discord shows as names; the
 * client sends every reply with `allowedMentions: { parse: [] }`, so nobody is pinged.
 */
export function cohortEmbed(view: CohortView, callerId: string, curriculum: Curriculum) {
  const sections = modulesOf(view.members, curriculum).map(({ title, members }) => {
    const lines = members.slice(0, PER_MODULE).map((m) => `<@${m.userId}> · ${m.topic ? m.topic.title : '🏁 finished the track'}`);
    const more = members.length > PER_MODULE ? `\n…and ${members.length - PER_MODULE} more` : '';
    return `**${title}** (${members.length})\n${lines.join('\n')}${more}`;
  });
  const count = view.members.length;
  const intro = count
    ? `${count} member${count === 1 ? '' : 's'} studied since ${view.since}${view.more ? ` (the ${view.more} more active members are not listed)` : ''}.`
    : `Nobody has finished a topic since ${view.since}. Be the first: \`/next\`.`;
  const hidden = view.callerHidden ? '\n\nYou hide from this view (`/privacy`), so you are not listed or paired.' : '';
  const description = `${intro}${hidden}\n\n${sections.join('\n\n')}`;
  const fields = view.pairs.length ? [{ name: '🤝 Study pairs', value: pairList(view.pairs.map((p) => pairLine(p, callerId, view.members))) }] : [];
  return {
    color: COLOUR.brand,
    title: '👥 The cohort: who is working on what',
    description: clip(fitLines(description.split('\n'), LIMIT.description), LIMIT.description),
    fields,
    footer: { text: 'Pairs are members on the same or a neighbouring topic of the same track. Say hello and study together!' },
  };
}

/** The pairs that fit in a field, and how many more there are (the caller's own comes first, so it always fits). */
function pairList(lines: string[]): string {
  const room = LIMIT.fieldValue - 40;
  const shown = fitLines(lines, room);
  const count = shown.split('\n').length;
  return count < lines.length ? `${shown}\n…and ${lines.length - count} more pairs` : shown;
}

function pairLine(pair: StudyPair, callerId: string, members: CohortMember[]): string {
  const [a, b] = pair.members;
  const topicOf = (id: string) => members.find((m) => m.userId === id)?.topic?.title ?? '';
  const where = pair.sameTopic ? `both on ${topicOf(a)}` : `${topicOf(a)} / ${topicOf(b)}`;
  if (a === callerId || b === callerId) return `**You and <@${a === callerId ? b : a}>**: ${where}`;
  return `<@${a}> and <@${b}>: ${where}`;
}

/** Members grouped by the module of their current topic, in curriculum order; finished members last. */
function modulesOf(members: CohortMember[], curriculum: Curriculum): { title: string; members: CohortMember[] }[] {
  const groups = new Map<string, CohortMember[]>();
  for (const m of members) {
    const key = m.topic?.moduleId ?? '';
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups].map(([moduleId, list]) => ({ title: moduleId ? curriculum.module(moduleId).title : 'Finished', members: list }));
}
