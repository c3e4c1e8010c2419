import { serve } from './ipc.js';
import { naive, queued } from './scheduling.js';

/** One side of the scheduling benchmark, in a process of its own (see schedulingBenchmark). */
serve({
  run: ({ mode, redisUrl, groups }: { mode: 'queued' | 'naive'; redisUrl: string; groups: number }) => (mode === 'queued' ? queued(redisUrl, groups) : naive(groups)),
  stop: () => setImmediate(() => process.exit(0)),
});
