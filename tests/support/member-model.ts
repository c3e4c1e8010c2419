import type { MemberState } from '../../src/progress/member-state.js';
import type { MarkChange, MemberWrite, UndoChange } from '../../src/progress/rules.js';
import { encodeUndo } from '../../src/progress/undo-entry.js';

/**
 * What the store's scripts write, modelled on plain data, so the rules' laws can be checked
 * without Redis (the store tests check the scripts against the real Redis).
 */
export interface ModelMember extends MemberState {
  log: string[];
  /** The checks hash: "<topic>:<question>" -> first answer ('1' right, '0' wrong) */
  checks: Record<string, string>;
}

type Optional = 'lastDay' | 'cursor' | 'lastAt';

const setOrDelete = <K extends Optional>(m: ModelMember, key: K, value: ModelMember[K] | undefined) => {
  if (value === undefined) delete m[key];
  else m[key] = value;
};

/** A hash field the scripts write with write_field: an empty or missing value deletes it. */
const writeField = (hash: Record<string, string>, field: string, value: string | undefined) => {
  if (value) hash[field] = value;
  else delete hash[field];
};

const copy = (m: ModelMember): ModelMember => ({ ...m, topics: { ...m.topics }, reviews: { ...m.reviews }, checks: { ...m.checks }, log: [...m.log], version: m.version + 1 });

/** lib/member.lua's write_member: the decided fields, undefined ones deleted. */
function writeMember(m: ModelMember, change: MemberWrite): void {
  m.points = change.points;
  m.streak = change.streak;
  m.bestStreak = change.bestStreak;
  m.freezes = change.freezes;
  setOrDelete(m, 'lastDay', change.lastDay);
  setOrDelete(m, 'lastAt', change.lastAt);
  setOrDelete(m, 'cursor', change.cursor);
}

/** mark-11.lua */
export function applyMark(before: ModelMember, change: MarkChange): ModelMember {
  const m = copy(before);
  m.log = [encodeUndo(change.undo), ...before.log];
  if (change.dropField) delete m.topics[change.dropField];
  m.topics[change.topicId] = change.value;
  writeMember(m, change);
  writeField(m.reviews, change.topicId, change.review);
  return m;
}

/** undo-10.lua */
export function applyUndo(before: ModelMember, change: UndoChange): ModelMember {
  const m = copy(before);
  m.log = before.log.slice(1);
  delete m.topics[change.dropField];
  if (change.restore) m.topics[change.restore.field] = change.restore.value;
  writeMember(m, change);
  writeField(m.reviews, change.dropField, change.review);
  return m;
}

/** answer-6.lua: the first answer to a question, and its bonus. */
export function applyAnswer(before: ModelMember, record: { field: string; value: string }, bonus: number): ModelMember {
  const m = copy(before);
  m.checks[record.field] = record.value;
  m.points += bonus;
  m.bonus += bonus;
  return m;
}

/** review-3.lua: the topic's next review ('' when it graduated). */
export function applyReview(before: ModelMember, field: string, next: string): ModelMember {
  const m = copy(before);
  writeField(m.reviews, field, next);
  return m;
}

/** The member as a learner sees it: everything but the version and the log. */
export const visible = ({ version: _v, log: _l, ...rest }: ModelMember) => rest;
