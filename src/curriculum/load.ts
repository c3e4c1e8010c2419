import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument, type YAMLError } from 'yaml';
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

/**
 * Loads and validates a whole curriculum folder; throws a CurriculumError listing every problem.
 *
 * Every file is parsed and checked against the schema, then the whole-curriculum rules (unique ids,
 * prerequisites, cycles, tracks, ids.lock) run over every module that parsed, so one run reports
 * everything. A file that failed still lends the ids it appears to define (read leniently from its
 * text), so its topics are never reported as unknown prerequisites or as orphaned ids in the lock;
 * problems the rules would find in such a file itself wait until it parses.
 */
export function loadCurriculum(dir: string): Curriculum {
  const problems: Problem[] = [];
  const root = resolve(dir);
  const index = readYaml(root, 'index.yaml', indexSchema, problems);
  const files = index.ok ? index.value.modules : moduleFilesWithoutIndex(root, index.raw);

  const modules: Module[] = [];
  const unparsed: Module[] = [];
  let order = 0;
  for (const file of files) {
    const input = readYaml(root, file, moduleSchema, problems);
    if (input.ok && index.ok) modules.push(toModule(input.value, file, index.value, () => order++));
    else if (!input.ok && index.ok) unparsed.push(stubModule(file, input.ids, index.value, () => order++));
  }
  // Without a valid index there are no tracks to check against: the files alone were checked.
  if (!index.ok) throw new CurriculumError(problems);

  const all = [...modules, ...unparsed];
  canonicalRequires(all);
  const failed = new Set(unparsed.map((m) => m.file));
  problems.push(...[...checkCurriculum(index.value, all), ...checkLock(readLock(root), all)].filter((p) => !failed.has(p.file)));
  if (problems.length > 0) throw new CurriculumError(problems);
  return new Curriculum(index.value, modules);
}

/** When index.yaml cannot be read: the modules it lists if that much parsed, else every other YAML file in the folder. */
function moduleFilesWithoutIndex(root: string, raw: unknown): string[] {
  const listed = (raw as { modules?: unknown } | undefined)?.modules;
  if (Array.isArray(listed) && listed.every((f) => typeof f === 'string')) return listed as string[];
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((f) => /\.ya?ml$/.test(f) && f !== 'index.yaml')
    .sort();
}

/**
 * A module file that failed to parse, standing in for the rules with the ids it appears to define:
 * on every track and needing nothing, so it can neither cause nor hide a problem elsewhere except
 * by being there.
 */
function stubModule(file: string, ids: string[], index: IndexInput, nextOrder: () => number): Module {
  const tracks = index.tracks.map((t) => t.id);
  const topics = ids.map((id) => ({ id, title: id, moduleId: `(${file})`, kind: 'lesson', order: nextOrder(), minutes: 0, points: 0, requires: [], tracks, aliases: [], summary: '', objectives: [], resources: [], practice: '', prompt: '', check: [] }) satisfies Topic);
  return { id: `(${file})`, title: file, summary: '', file, topics };
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

type Read<T> = { ok: true; value: T } | { ok: false; raw: unknown; ids: string[] };

function readYaml<T extends z.ZodType>(root: string, file: string, schema: T, problems: Problem[]): Read<z.infer<T>> {
  const path = join(root, file);
  if (!existsSync(path)) {
    problems.push({ file, path: '', message: `file not found in ${root}` });
    return { ok: false, raw: undefined, ids: [] };
  }
  const text = readFileSync(path, 'utf8');
  const doc = parseDocument(text, { prettyErrors: true });
  // Even a document with syntax errors yields what could be read; it helps find the ids the file defines.
  const raw: unknown = doc.toJS();
  if (doc.errors.length > 0) {
    // The first syntax error; those after it are mostly the parser losing its way because of it.
    const first = yamlProblem(file, text, doc.errors[0]!);
    const more = doc.errors.length - 1;
    problems.push(more ? { ...first, message: `${first.message}\n      (${more} more YAML error${more === 1 ? '' : 's'} after it; fix this one first)` } : first);
    return { ok: false, raw, ids: idsIn(raw, text) };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  for (const issue of result.error.issues) {
    problems.push({ file, path: describePath(raw, issue.path), message: issue.message });
  }
  return { ok: false, raw, ids: idsIn(raw, text) };
}

/** A YAML syntax error as `is not valid YAML (line 4, column 12): <reason>`, then the lines it points at. */
function yamlProblem(file: string, text: string, error: YAMLError): Problem {
  const reason = error.message.split(' at line ')[0]!.split('\n')[0]!;
  const at = error.linePos?.[0];
  if (!at) return { file, path: '', message: `is not valid YAML: ${reason}` };
  const lines = text.split(/\r?\n/);
  const width = String(at.line).length;
  const show = (n: number) => `      ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`;
  const frame = [...(at.line > 1 ? [show(at.line - 1)] : []), show(at.line), `      ${' '.repeat(width)} | ${' '.repeat(Math.max(0, at.col - 1))}^`];
  return { file, path: '', message: `is not valid YAML (line ${at.line}, column ${at.col}): ${reason}\n${frame.join('\n')}` };
}

/**
 * The topic ids and aliases a file that failed appears to define: from what parsed of it, and from
 * its text (`- id: x` and `aliases: [a, b]` lines, indented, so not the module's own id).
 */
function idsIn(raw: unknown, text: string): string[] {
  const ids = new Set<string>();
  const topics = (raw as { topics?: unknown } | undefined)?.topics;
  if (Array.isArray(topics)) {
    for (const topic of topics as Array<{ id?: unknown; aliases?: unknown } | null>) {
      if (typeof topic?.id === 'string') ids.add(topic.id);
      if (Array.isArray(topic?.aliases)) for (const alias of topic.aliases) if (typeof alias === 'string') ids.add(alias);
    }
  }
  const word = `["']?([A-Za-z0-9][\\w.-]*)["']?`;
  for (const match of text.matchAll(new RegExp(`^(?:[ \\t]+|[ \\t]*-[ \\t]+)id:[ \\t]*${word}`, 'gm'))) ids.add(match[1]!);
  for (const match of text.matchAll(/^[ \t]+aliases:[ \t]*\[([^\]\n]*)\]?/gm)) {
    for (const alias of match[1]!.split(',')) if (alias.trim()) ids.add(alias.trim().replace(/^["']|["']$/g, ''));
  }
  for (const match of text.matchAll(/^([ \t]+)aliases:[ \t]*\n((?:\1[ \t]*-[ \t]*\S+[ \t]*\n?)+)/gm)) {
    for (const line of match[2]!.split('\n')) {
      const alias = /-\s*(\S+)/.exec(line)?.[1];
      if (alias) ids.add(alias.replace(/^["']|["']$/g, ''));
    }
  }
  return [...ids];
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
