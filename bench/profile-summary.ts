import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `tsx bench/profile-summary.ts DIR`: self time by function and by package in .cpuprofile files. */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}
const dir = process.argv[2]!;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Node[] };
  const total = profile.nodes.reduce((sum, n) => sum + n.hitCount, 0);
  const byPlace = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const url = node.callFrame.url;
    const where = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.includes('/work/') ? `syllabot:${url.split('/').slice(-2).join('/')}` : url ? 'node' : node.callFrame.functionName || '(native)');
    const key = `${node.callFrame.functionName || '(anonymous)'} ${where}`;
    byPlace.set(key, (byPlace.get(key) ?? 0) + node.hitCount);
    byPackage.set(where.startsWith('syllabot:') ? 'syllabot' : where, (byPackage.get(where.startsWith('syllabot:') ? 'syllabot' : where) ?? 0) + node.hitCount);
  }
  const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  console.log(`== ${file} (${total} samples)\n-- by package\n${top(byPackage, 12)}\n-- by function\n${top(byPlace, 25)}\n`);
}
