import type { Resource } from './schema.js';

export type TrackId = string;

export interface Topic {
  id: string;
  title: string;
  moduleId: string;
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

export const DEFAULT_POINTS = 10;
