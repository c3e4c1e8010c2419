import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of a fixture curriculum in a temp dir, with some files edited. */
function copyOf(fixture: 'curriculum-small' | 'curriculum-broken', edits: Record<string, (text: string) => string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'syllabot-check-'));
  copies.push(dir);
  cpSync(join('tests/fixtures', fixture), dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

/** `npm run curriculum:check -- dir`: its exit code and everything it printed. */
async function check(dir: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/curriculum-check.ts', dir], { timeout: 30_000 });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

// b-more.yaml with a YAML syntax error on its title line; delta is still written there.
const unclosed = (t: string) => t.replace('title: Delta', 'title: [Delta');

describe('npm run curriculum:check', () => {
  it('passes the small curriculum', async () => {
    const { code, out } = await check(copyOf('curriculum-small'));
    expect(code).toBe(0);
    expect(out).toContain('OK');
  });

  it('reports every problem of every file in one run', async () => {
    const { code, out } = await check(copyOf('curriculum-broken'));
    expect(code).toBe(1);
    expect(out).toContain('a-basics.yaml: topics[0] (alpha).resources[0].url: must be an https:// link');
    expect(out).toContain('b-more.yaml: topics[0] (delta).practice: ');
  });

  it('shows a YAML syntax error with its file, line, column and the offending line', async () => {
    const { code, out } = await check(copyOf('curriculum-small', { 'b-more.yaml': unclosed }));
    expect(code).toBe(1);
    const lines = out.split('\n');
    const at = lines.findIndex((l) => l.startsWith('  b-more.yaml: is not valid YAML (line '));
    expect(lines[at]).toMatch(/^ {2}b-more\.yaml: is not valid YAML \(line \d+, column \d+\): \S/);
    const [, line, column] = /\(line (\d+), column (\d+)\)/.exec(lines[at]!)!.map(Number);
    const source = readFileSync(join('tests/fixtures/curriculum-small', 'b-more.yaml'), 'utf8').split('\n');
    // The line it names is shown with its number, and a caret under the column.
    const shown = lines.slice(at + 1).find((l) => l.trimStart().startsWith(`${line} | `))!;
    expect(shown.slice(shown.indexOf('| ') + 2)).toBe(unclosed(source.join('\n')).split('\n')[line! - 1]);
    // The line before it too: YAML often notices an unclosed bracket on the line after.
    expect(lines.slice(at + 1, at + 3).join('\n')).toContain('title: [Delta');
    const caret = lines[lines.indexOf(shown) + 1]!;
    expect(caret.indexOf('^') - caret.indexOf('| ') - 2).toBe(column! - 1);
  });

  it('runs the whole-curriculum checks over the files that parsed, without ghosts from the file that did not', async () => {
    const dir = copyOf('curriculum-small', {
      'b-more.yaml': unclosed,
      'a-basics.yaml': (t) =>
        t
          .replace('id: beta', 'id: alpha') // a duplicate id
          .replace('    tracks: [python]\n', '    tracks: [python]\n    requires: [omega]\n'), // an unknown prerequisite
    });
    const { code, out } = await check(dir);
    expect(code).toBe(1);
    expect(out).toMatch(/b-more\.yaml: is not valid YAML \(line \d+, column \d+\)/);
    expect(out).toContain('a-basics.yaml: topics[2] (alpha): duplicate id "alpha" (first used in a-basics.yaml at topics[0] (alpha))');
    expect(out).toContain('a-basics.yaml: topics[3] (py-only).requires: unknown prerequisite "omega"');
    // gamma requires delta, which is in the file that failed to parse: not a problem of a-basics.yaml.
    expect(out).not.toContain('"delta"');
    expect(out).toMatch(/The curriculum has 3 problem/);
  });

  it('finds a cycle among parsed files while another file fails its schema', async () => {
    const dir = copyOf('curriculum-small', {
      'a-basics.yaml': (t) => t.replace('aliases: [old-alpha]', 'aliases: [old-alpha]\n    requires: [beta]').replace('    points: 25\n', '    points: 25\n    requires: [old-alpha]\n'),
      'b-more.yaml': (t) => t.replace(/ {4}practice: .*\n/, ''),
    });
    const { code, out } = await check(dir);
    expect(code).toBe(1);
    expect(out).toContain('b-more.yaml: topics[0] (delta).practice: ');
    expect(out).toMatch(/a-basics\.yaml: topics \((alpha|beta)\)\.requires: prerequisite cycle: (alpha -> beta -> alpha|beta -> alpha -> beta)/);
    expect(out).not.toContain('unknown prerequisite');
  });

  it('checks ids.lock over the parsed files, without calling the unparsed file’s ids orphaned', async () => {
    const dir = copyOf('curriculum-small', {
      'b-more.yaml': unclosed,
      'a-basics.yaml': (t) => t.replace('id: py-only', 'id: python-only'),
    });
    writeFileSync(join(dir, 'ids.lock'), ['alpha', 'old-alpha', 'gamma', 'beta', 'py-only', 'node-only', 'delta', ''].join('\n'));
    const { code, out } = await check(dir);
    expect(code).toBe(1);
    expect(out).toContain('ids.lock: py-only: id "py-only" was published but is no longer a topic id or alias');
    expect(out).toContain('a-basics.yaml: topics[3] (python-only): new id "python-only" is not in ids.lock yet');
    expect(out).not.toContain('"delta"');
  });

  it('still checks every module file when index.yaml itself is broken', async () => {
    const dir = copyOf('curriculum-broken', { 'index.yaml': (t) => t.replace('title: A small test curriculum', 'title: [A small test curriculum') });
    const { code, out } = await check(dir);
    expect(code).toBe(1);
    expect(out).toMatch(/index\.yaml: is not valid YAML \(line \d+, column \d+\)/);
    expect(out).toContain('a-basics.yaml: topics[0] (alpha).resources[0].url: must be an https:// link');
    expect(out).toContain('b-more.yaml: topics[0] (delta).practice: ');
  });
});
