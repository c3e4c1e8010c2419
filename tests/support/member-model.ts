import type { MemberState } from '../../src/progress/member-state.js';
import type { MarkChange, UndoChange } from '../../src/progress/rules.js';
import { encodeUndo } from '../../src/progress/undo-entry.js';

/**
 * What the store's scripts write, modelled on plain data, so the rules' laws can be checked
 * without Redis (the store tests check the scripts against the real Redis).
 */
export interface ModelMember extends MemberState {
  log: string[];
}

const setOrDelete = <K extends 'lastDay' | 'cursor'>(m: ModelMember, key: K, value: string | undefined) => {
  if (value === undefined) delete m[key];
  else m[key] = value;
};

export function applyMark(before: ModelMember, change: MarkChange): ModelMember {
  const m: ModelMember = { ...before, topics: { ...before.topics }, log: [encodeUndo(change.undo), ...before.log], version: before.version + 1 };
  if (change.dropField) delete m.topics[change.dropField];
  m.topics[change.topicId] = change.value;
  m.points = change.points;
  m.streak = change.streak;
  m.bestStreak = change.bestStreak;
  setOrDelete(m, 'lastDay', change.lastDay);
  setOrDelete(m, 'cursor', change.cursor);
  return m;
}

export function applyUndo(before: ModelMember, change: UndoChange): ModelMember {
  const m: ModelMember = { ...before, topics: { ...before.topics }, log: before.log.slice(1), version: before.version + 1 };
  delete m.topics[change.dropField];
  if (change.restore) m.topics[change.restore.field] = change.restore.value;
  m.points = change.points;
  m.streak = change.streak;
  m.bestStreak = change.bestStreak;
  setOrDelete(m, 'lastDay', change.lastDay);
  setOrDelete(m, 'cursor', change.cursor);
  return m;
}

/** The member as a learner sees it: everything but the version and the log. */
export const visible = ({ version: _v, log: _l, ...rest }: ModelMember) => rest;
