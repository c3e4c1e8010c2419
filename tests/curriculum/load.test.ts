import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkCurriculum } from '../../src/curriculum/check.js';
import { CurriculumError, formatProblem, loadCurriculum } from '../../src/curriculum/load.js';
import { SMALL_CURRICULUM } from '../support/services.js';

const copies: string[] = [];
afterEach(() => copies.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the small fixture curriculum with one file edited. */
function brokenCopy(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'syllabot-curriculum-'));
  copies.push(dir);
  cpSync(SMALL_CURRICULUM, dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return dir;
}

function problemsOf(dir: string): string {
  try {
    loadCurriculum(dir);
  } catch (error) {
    if (error instanceof CurriculumError) return error.message;
    throw error;
  }
  throw new Error('expected the curriculum to be rejected');
}

describe('loadCurriculum', () => {
  it('loads modules in order with defaults filled in', () => {
    const curriculum = loadCurriculum(SMALL_CURRICULUM);
    expect(curriculum.topics.map((t) => t.id)).toEqual(['alpha', 'gamma', 'beta', 'py-only', 'node-only', 'delta']);
    expect(curriculum.get('alpha')).toMatchObject({ points: 10, tracks: ['python', 'node'], moduleId: 'basics' });
    expect(curriculum.get('old-alpha')?.id).toBe('alpha');
  });

  it('finds topics by any part of the title or id, prefix matches first', () => {
    const curriculum = loadCurriculum(SMALL_CURRICULUM);
    expect(curriculum.search('ONLY').map((t) => t.id)).toEqual(['py-only', 'node-only']);
    expect(curriculum.search('a', 2).map((t) => t.id)).toEqual(['alpha', 'gamma']);
  });
});

describe('a broken curriculum is rejected with file, topic and reason', () => {
  it('a duplicate id', () => {
    const dir = brokenCopy('b-more.yaml', (t) => t.replace('id: delta', 'id: beta'));
    expect(problemsOf(dir)).toMatch(/b-more\.yaml: topics\[0\] \(beta\): duplicate id "beta" \(first used in a-basics\.yaml/);
  });

  it('an unknown prerequisite', () => {
    const dir = brokenCopy('b-more.yaml', (t) => t.replace('requires: [alpha]', 'requires: [omega]'));
    expect(problemsOf(dir)).toMatch(/b-more\.yaml: topics\[0\] \(delta\)\.requires: unknown prerequisite "omega"/);
  });

  it('a cycle of prerequisites', () => {
    const dir = brokenCopy('a-basics.yaml', (t) => t.replace('aliases: [old-alpha]', 'aliases: [old-alpha]\n    requires: [gamma]'));
    expect(problemsOf(dir)).toMatch(/a-basics\.yaml: topics \((alpha|gamma|delta)\)\.requires: prerequisite cycle: .*alpha.*/);
  });

  it('a missing field', () => {
    const dir = brokenCopy('b-more.yaml', (t) => t.replace(/ {4}practice: .*\n/, ''));
    expect(problemsOf(dir)).toMatch(/b-more\.yaml: topics\[0\] \(delta\)\.practice: /);
  });

  it('a link that is not https', () => {
    const dir = brokenCopy('b-more.yaml', (t) => t.replace('https://developer.mozilla.org/', 'http://developer.mozilla.org/'));
    expect(problemsOf(dir)).toMatch(/b-more\.yaml: topics\[0\] \(delta\)\.resources\[0\]\.url: must be an https:\/\/ link/);
  });

  it('a track with no reachable topic', () => {
    const dir = brokenCopy('index.yaml', (t) => t.replace('  - a-basics.yaml\n', ''));
    writeFileSync(join(dir, 'b-more.yaml'), readFileSync(join(dir, 'b-more.yaml'), 'utf8').replace('requires: [alpha]', 'tracks: [python]'));
    expect(problemsOf(dir)).toMatch(/index\.yaml: tracks: track "node" has no reachable topic/);
  });

  it('a prerequisite that is not on the topic’s track', () => {
    const dir = brokenCopy('b-more.yaml', (t) => t.replace('requires: [alpha]', 'requires: [py-only]'));
    expect(problemsOf(dir)).toMatch(/b-more\.yaml: topics\[0\] \(delta\)\.requires: prerequisite "py-only" is not on track node/);
  });

  it('a misspelt key', () => {
    const dir = brokenCopy('b-more.yaml', (t) => t.replace('minutes: 100', 'minutes: 100\n    minuets: 30'));
    expect(problemsOf(dir)).toMatch(/b-more\.yaml: topics\[0\] \(delta\): Unrecognized key: "minuets"/);
  });

  it('a file that is not YAML, listed together with the problems of other files', () => {
    const dir = brokenCopy('b-more.yaml', () => 'id: [unclosed');
    const message = problemsOf(dir);
    expect(message).toMatch(/b-more\.yaml: is not valid YAML/);
  });

  it('a module file that does not exist', () => {
    const dir = brokenCopy('index.yaml', (t) => t.replace('b-more.yaml', 'c-missing.yaml'));
    expect(problemsOf(dir)).toMatch(/c-missing\.yaml: file not found/);
  });
});

/** The problems the order rule finds in a curriculum folder, one formatted line each. */
function orderProblemsOf(dir: string): string[] {
  const c = loadCurriculum(dir);
  const index = { id: c.id, version: c.version, title: c.title, tracks: c.tracks, modules: c.modules.map((m) => m.file) };
  return checkCurriculum(index, c.modules, { prerequisitesInOrder: true }).map(formatProblem);
}

describe('a prerequisite taught later than the topic that needs it', () => {
  it('is reported with the module and file that teach it, when the curriculum asks for order', () => {
    const dir = brokenCopy('a-basics.yaml', (t) => t.replace('aliases: [old-alpha]', 'aliases: [old-alpha]\n    requires: [beta]'));
    expect(orderProblemsOf(dir)).toContain(
      '  a-basics.yaml: topics[0] (alpha).requires: prerequisite "beta" is taught later (module basics, file a-basics.yaml); move it earlier or drop it',
    );
  });

  it('names the later module when the prerequisite sits in another file', () => {
    expect(orderProblemsOf(SMALL_CURRICULUM)).toEqual([
      '  a-basics.yaml: topics[1] (gamma).requires: prerequisite "delta" is taught later (module more, file b-more.yaml); move it earlier or drop it',
    ]);
  });

  it('is allowed when the curriculum does not ask for order, as the learning rules cope with it', () => {
    expect(loadCurriculum(SMALL_CURRICULUM).get('gamma')?.requires).toEqual(['delta']);
  });
});

describe('ids.lock keeps published ids alive', () => {
  const locked = (dir: string, ids: string[]) => writeFileSync(join(dir, 'ids.lock'), `# test\n${ids.join('\n')}\n`);
  const all = ['alpha', 'gamma', 'beta', 'py-only', 'node-only', 'delta'];

  it('accepts a curriculum whose every published id is still a topic', () => {
    const dir = brokenCopy('index.yaml', (t) => t);
    locked(dir, all);
    expect(loadCurriculum(dir).topics).toHaveLength(6);
  });

  it('rejects a rename that drops a published id', () => {
    const dir = brokenCopy('b-more.yaml', (t) => t.replace('id: delta', 'id: delta-renamed'));
    locked(dir, all);
    const message = problemsOf(dir);
    expect(message).toMatch(/ids\.lock: delta: id "delta" was published but is no longer a topic id or alias/);
  });

  it('accepts the rename once the old id is an alias of the new topic', () => {
    const dir = brokenCopy('b-more.yaml', (t) => t.replace('id: delta', 'id: delta-renamed\n    aliases: [delta]'));
    locked(dir, [...all, 'delta-renamed']);
    expect(loadCurriculum(dir).get('delta')?.id).toBe('delta-renamed');
  });

  it('asks for a new id to be recorded in the lock', () => {
    const dir = brokenCopy('index.yaml', (t) => t);
    locked(dir, all.filter((id) => id !== 'beta'));
    expect(problemsOf(dir)).toMatch(/a-basics\.yaml: topics\[2\] \(beta\): new id "beta" is not in ids\.lock yet/);
  });
});

