import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `tsx bench/profile-summary.ts FILE_OR_DIR…`: where a CPU profile (.cpuprofile, as `node --cpu-prof`
 * or the bench's `--profile` writes) spent its self time: by owner (Syllabot's own code, discord.js
 * and its packages, ioredis, Node's internals, V8 and GC…), by package, and the top functions.
 * Shares are of the busy samples (idle left out), so they add up to what the process spent CPU on.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Package families, by the first package that matches. */
const OWNERS: Array<[string, RegExp]> = [
  ['discord.js (+ @discordjs/*, @sapphire/*, undici, ws)', /^(discord\.js|@discordjs\/.*|@sapphire\/.*|discord-api-types|undici|ws|lodash\.snakecase|@vladfrangu\/.*|magic-bytes\.js)$/],
  ['ioredis (+ its parser)', /^(ioredis|redis-parser|redis-errors|denque|cluster-key-slot|standard-as-callback|@ioredis\/.*)$/],
  ['pino (logging)', /^(pino|pino-std-serializers|sonic-boom|thread-stream|fast-redact|quick-format-unescaped|atomic-sleep|on-exit-leak-free|safe-stable-stringify|real-require|process-warning)$/],
  ['prom-client (metrics)', /^(prom-client|tdigest|bintrees)$/],
];

function place(url: string, functionName: string): { pkg: string; owner: string } {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return { pkg, owner: OWNERS.find(([, re]) => re.test(pkg))?.[0] ?? `other packages` };
  if (url.startsWith('node:') || (url && !url.includes('/'))) return { pkg: 'node', owner: 'Node.js internals' };
  if (url.startsWith('file://') || url.startsWith('/')) {
    const path = relative(ROOT, url.startsWith('file://') ? fileURLToPath(url) : url);
    if (/^(src|commands)\//.test(path)) return { pkg: 'syllabot', owner: 'Syllabot (src/, commands/)' };
    if (/^bench\//.test(path)) return { pkg: 'bench', owner: 'bench harness' };
    return { pkg: path.split('/')[0] ?? path, owner: 'other' };
  }
  if (functionName === '(garbage collector)') return { pkg: '(gc)', owner: 'V8: garbage collector' };
  if (functionName === '(program)') return { pkg: '(program)', owner: 'V8: (program) — compiling, runtime, unattributed' };
  // Native functions V8 or Node call without a script: JSON.parse, socket writes, string building.
  return { pkg: functionName || '(native)', owner: 'native (V8 builtins, libuv/socket calls)' };
}

/** The file a function is in. No line: code run through tsx is compiled to one line per file, so a V8 line says nothing. */
function where(url: string, line: number): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (pkg) return `${pkg[1]}/${pkg[2]!.split('/').slice(-2).join('/')}:${line + 1}`;
  if (url.startsWith('file://') || url.startsWith('/')) return relative(ROOT, url.startsWith('file://') ? fileURLToPath(url) : url);
  return url ? `${url}:${line + 1}` : '';
}

export function summarize(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number };
  const byOwner = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += hits;
      continue;
    }
    busy += hits;
    const { pkg, owner } = place(url, functionName);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + hits);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
    const key = `${functionName || '(anonymous)'}  ${where(url, lineNumber)}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
  }
  // Inclusive time of Syllabot's own functions: each sample counts once for every one of our
  // functions on its stack (a renderer that calls a slow builder shows the builder's cost).
  const inclusive = new Map<string, number>();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const walk = (node: ProfileNode, onStack: Set<string>) => {
    const { functionName, url, lineNumber } = node.callFrame;
    let added: string | undefined;
    if (functionName !== '(idle)' && place(url, functionName).pkg === 'syllabot') {
      const key = `${functionName || '(anonymous)'}  ${where(url, lineNumber)}`;
      if (!onStack.has(key)) onStack.add((added = key));
    }
    if (node.hitCount && functionName !== '(idle)') for (const key of onStack) inclusive.set(key, (inclusive.get(key) ?? 0) + node.hitCount);
    for (const child of node.children ?? []) walk(nodes.get(child)!, onStack);
    if (added) onStack.delete(added);
  };
  walk(profile.nodes[0]!, new Set());
  const list = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${((100 * v) / busy).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  return [
    `== ${relative(process.cwd(), file)}: ${seconds.toFixed(1)} s, ${busy} busy samples (${((100 * busy) / (busy + idle)).toFixed(0)} % busy); shares are of busy time`,
    '-- self time by owner',
    list(byOwner, 12),
    '-- by package',
    list(byPackage, 15),
    '-- top functions (self time)',
    list(byFunction, top),
    "-- Syllabot's own functions, inclusive (self + everything they call)",
    list(inclusive, 25),
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const paths = process.argv.slice(2);
  if (!paths.length) {
    console.error('usage: tsx bench/profile-summary.ts FILE.cpuprofile|DIR …');
    process.exit(2);
  }
  for (const path of paths) {
    const files = statSync(path).isDirectory() ? readdirSync(path).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(path, f)) : [path];
    for (const file of files) console.log(summarize(file));
  }
}
