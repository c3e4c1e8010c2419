import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { indexSchema, moduleSchema, type IndexInput, type ModuleInput } from './schema.js';
import { checkCurriculum, checkLock } from './check.js';
import { Curriculum } from './curriculum.js';
import { pointsFor, type Module, type Problem, type Topic } from './types.js';

export class CurriculumError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`The curriculum has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'CurriculumError';
  }
}

export const formatProblem = (p: Problem) => `  ${p.file}: ${p.path ? `${p.path}: ` : ''}${p.message}`;

/** Loads and validates a whole curriculum folder; throws a CurriculumError listing every problem. */
export function loadCurriculum(dir: string): Curriculum {
  const problems: Problem[] = [];
  const root = resolve(dir);
  const index = readYaml(root, 'index.yaml', indexSchema, problems);
  if (!index) throw new CurriculumError(problems);

  const modules: Module[] = [];
  let order = 0;
  for (const file of index.modules) {
    const input = readYaml(root, file, moduleSchema, problems);
    if (!input) continue;
    modules.push(toModule(input, file, index, () => order++));
  }
  if (problems.length === 0) canonicalRequires(modules);
  if (problems.length === 0) problems.push(...checkCurriculum(index, modules), ...checkLock(readLock(root), modules));
  if (problems.length > 0) throw new CurriculumError(problems);
  return new Curriculum(index, modules);
}

export const LOCK_FILE = 'ids.lock';

/** The ids ever published, from `ids.lock` (one per line, # comments); undefined when there is none. */
export function readLock(root: string): string[] | undefined {
  const path = join(root, LOCK_FILE);
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

/** A prerequisite may name a topic by an old id; the rules work on current ids. */
function canonicalRequires(modules: Module[]): void {
  const current = new Map<string, string>();
  for (const topic of modules.flatMap((m) => m.topics)) for (const alias of topic.aliases) current.set(alias, topic.id);
  for (const topic of modules.flatMap((m) => m.topics)) topic.requires = topic.requires.map((id) => current.get(id) ?? id);
}

function toModule(input: ModuleInput, file: string, index: IndexInput, nextOrder: () => number): Module {
  const allTracks = index.tracks.map((t) => t.id);
  const topics: Topic[] = input.topics.map((t) => ({
    ...t,
    moduleId: input.id,
    order: nextOrder(),
    points: t.points ?? pointsFor(t.minutes, t.kind),
    check: t.check ?? [],
    tracks: t.tracks ?? allTracks,
  }));
  return { id: input.id, title: input.title, summary: input.summary, file, topics };
}

function readYaml<T extends z.ZodType>(root: string, file: string, schema: T, problems: Problem[]): z.infer<T> | undefined {
  const path = join(root, file);
  if (!existsSync(path)) {
    problems.push({ file, path: '', message: `file not found in ${root}` });
    return undefined;
  }
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push({ file, path: '', message: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    return undefined;
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push({ file, path: describePath(raw, issue.path), message: issue.message });
  }
  return undefined;
}

/** `topics[3].summary` becomes `topics[3] (git-basics).summary`, so the reader finds the topic by id. */
function describePath(raw: unknown, path: PropertyKey[]): string {
  let out = '';
  let node: unknown = raw;
  for (const key of path) {
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      out += `[${key}]`;
      const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
      if (typeof id === 'string') out += ` (${id})`;
    } else {
      out += out ? `.${String(key)}` : String(key);
    }
  }
  return out;
}
