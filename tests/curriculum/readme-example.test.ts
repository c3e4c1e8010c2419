import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadCurriculum } from '../../src/curriculum/load.js';

it('the README’s own-curriculum example is a valid curriculum', () => {
  const readme = readFileSync('README.md', 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n# my-curriculum\/(\S+)\n([\s\S]*?)```/g)];
  expect(blocks.map((b) => b[1])).toEqual(['index.yaml', '01-start.yaml']);
  const dir = mkdtempSync(join(tmpdir(), 'syllabot-readme-'));
  try {
    for (const [, file, body] of blocks) writeFileSync(join(dir, file!), body!);
    const curriculum = loadCurriculum(dir);
    expect(curriculum.topics.map((t) => t.id)).toEqual(['install-rust', 'hello-cargo']);
    expect(curriculum.get('hello-cargo')?.points).toBe(15);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
