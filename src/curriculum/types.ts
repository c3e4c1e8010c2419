import type { Question, Resource } from './schema.js';

export type TrackId = string;

export interface Topic {
  id: string;
  title: string;
  moduleId: string;
  kind: 'lesson' | 'project';
  /** Position in the whole curriculum: module order, then topic order. */
  order: number;
  minutes: number;
  points: number;
  requires: string[];
  tracks: TrackId[];
  aliases: string[];
  summary: string;
  objectives: string[];
  resources: Resource[];
  practice: string;
  prompt: string;
  acceptance?: string[];
  /** Self-check questions; empty for a curriculum that brings none. */
  check: Question[];
}

export interface Module {
  id: string;
  title: string;
  summary: string;
  file: string;
  topics: Topic[];
}

export interface Track {
  id: TrackId;
  title: string;
}

export interface Problem {
  file: string;
  path: string;
  message: string;
}

/**
 * Points by effort, unless a topic sets its own: one point per 10 minutes, at least 5; a project
 * earns double, since it asks learners to combine what they learned and ship it.
 */
export function pointsFor(minutes: number, kind: 'lesson' | 'project'): number {
  const base = Math.max(5, Math.round(minutes / 10));
  return Math.min(200, kind === 'project' ? base * 2 : base);
}
