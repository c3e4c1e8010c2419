import type { IndexInput } from './schema.js';
import type { Module, Problem, Topic } from './types.js';

export interface CheckOptions {
  /**
   * Report a prerequisite that is taught later than the topic needing it (module order in index.yaml,
   * then topic order in the file). The shipped roadmap is taught in order, so there every prerequisite
   * must come first. Off by default: the learning rules cope with a later prerequisite (the next topic
   * is then simply found further on), and the small test curriculum relies on one (gamma needs delta).
   */
  prerequisitesInOrder?: boolean;
}

/**
 * Whole-curriculum rules that no single file can check: unique ids, known prerequisites,
 * prerequisites available on the same tracks, no cycles, every track non-empty and, when asked,
 * prerequisites taught before the topics that need them.
 */
export function checkCurriculum(index: IndexInput, modules: Module[], options: CheckOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const where = new Map<string, { file: string; path: string }>();
  const topics = new Map<string, Topic>();
  const moduleOf = new Map(modules.map((m) => [m.id, m]));
  const trackIds = new Set(index.tracks.map((t) => t.id));

  const claim = (id: string, file: string, path: string) => {
    const first = where.get(id);
    if (first) problems.push({ file, path, message: `duplicate id "${id}" (first used in ${first.file} at ${first.path})` });
    else where.set(id, { file, path });
  };

  const moduleIds = new Set<string>();
  for (const module of modules) {
    if (moduleIds.has(module.id)) problems.push({ file: module.file, path: 'id', message: `duplicate module id "${module.id}"` });
    moduleIds.add(module.id);
    module.topics.forEach((topic, i) => {
      const path = `topics[${i}] (${topic.id})`;
      claim(topic.id, module.file, path);
      topic.aliases.forEach((alias, a) => claim(alias, module.file, `${path}.aliases[${a}]`));
      topics.set(topic.id, topic);
    });
  }

  for (const module of modules) {
    module.topics.forEach((topic, i) => {
      const path = `topics[${i}] (${topic.id})`;
      for (const track of topic.tracks) {
        if (!trackIds.has(track)) problems.push({ file: module.file, path: `${path}.tracks`, message: `unknown track "${track}" (index.yaml declares ${[...trackIds].join(', ')})` });
      }
      for (const req of topic.requires) {
        const required = topics.get(req);
        if (!required) {
          problems.push({ file: module.file, path: `${path}.requires`, message: `unknown prerequisite "${req}"` });
          continue;
        }
        const missing = topic.tracks.filter((t) => !required.tracks.includes(t));
        if (missing.length > 0) {
          problems.push({ file: module.file, path: `${path}.requires`, message: `prerequisite "${req}" is not on track ${missing.join(', ')}, so this topic could never be reached there` });
        }
        if (options.prerequisitesInOrder && required.order > topic.order) {
          const later = moduleOf.get(required.moduleId);
          problems.push({ file: module.file, path: `${path}.requires`, message: `prerequisite "${req}" is taught later (module ${required.moduleId}, file ${later?.file ?? '?'}); move it earlier or drop it` });
        }
      }
    });
  }

  for (const cycle of findCycles(topics)) {
    const topic = topics.get(cycle[0]!)!;
    const module = modules.find((m) => m.id === topic.moduleId)!;
    problems.push({ file: module.file, path: `topics (${topic.id}).requires`, message: `prerequisite cycle: ${cycle.join(' -> ')}` });
  }

  for (const track of index.tracks) {
    if (![...topics.values()].some((t) => t.tracks.includes(track.id))) {
      problems.push({ file: 'index.yaml', path: 'tracks', message: `track "${track.id}" has no reachable topic` });
    }
  }
  return problems;
}

/** Depth-first search; reports each cycle once, as the path that closes it. */
function findCycles(topics: Map<string, Topic>): string[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  const visit = (id: string, stack: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      cycles.push([...stack.slice(stack.indexOf(id)), id]);
      return;
    }
    state.set(id, 'visiting');
    for (const req of topics.get(id)?.requires ?? []) if (topics.has(req)) visit(req, [...stack, id]);
    state.set(id, 'done');
  };
  for (const id of topics.keys()) visit(id, []);
  return cycles;
}

/**
 * Members' progress is keyed by topic id, so a published id may never vanish: it must stay a topic
 * id or become an alias of the topic that replaced it. New ids must be recorded in the lock (run
 * `npm run curriculum:check -- --update-lock`). A curriculum without ids.lock is not checked.
 */
export function checkLock(locked: string[] | undefined, modules: Module[]): Problem[] {
  if (!locked) return [];
  const problems: Problem[] = [];
  const known = new Map<string, string>();
  for (const module of modules) {
    for (const topic of module.topics) {
      known.set(topic.id, module.file);
      for (const alias of topic.aliases) known.set(alias, module.file);
    }
  }
  const lockedSet = new Set(locked);
  for (const id of locked) {
    if (!known.has(id)) {
      problems.push({ file: 'ids.lock', path: id, message: `id "${id}" was published but is no longer a topic id or alias; add it to the aliases of the topic that replaced it so members keep their progress` });
    }
  }
  for (const module of modules) {
    module.topics.forEach((topic, i) => {
      if (!lockedSet.has(topic.id)) {
        problems.push({ file: module.file, path: `topics[${i}] (${topic.id})`, message: `new id "${topic.id}" is not in ids.lock yet; run npm run curriculum:check -- --update-lock` });
      }
    });
  }
  return problems;
}
