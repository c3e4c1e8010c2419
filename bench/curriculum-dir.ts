import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCurriculum } from '../src/curriculum/load.js';

/**
 * The curriculum the bench's bots load. The working tree's, when it loads; when it is half-way
 * through an edit and does not (a new id not yet in ids.lock, say), the last committed one, copied
 * out of git into a temporary folder, so the bench still measures the bot. Returns the folder and a
 * clean-up.
 */
export function benchCurriculum(warn: (line: string) => void): { dir: string; cleanup: () => void } {
  const wanted = process.env.CURRICULUM_DIR ?? 'curriculum';
  try {
    loadCurriculum(wanted);
    return { dir: wanted, cleanup: () => {} };
  } catch (error) {
    const first = (error as Error).message.split('\n').slice(0, 2).join(' ');
    const dir = mkdtempSync(join(tmpdir(), 'bench-curriculum-'));
    const tar = execFileSync('git', ['archive', 'HEAD', 'curriculum'], { maxBuffer: 64 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    const committed = join(dir, 'curriculum');
    loadCurriculum(committed);
    warn(`bench: ${wanted}/ does not load (${first}); measuring with the committed curriculum (git HEAD) instead`);
    return { dir: committed, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
}
