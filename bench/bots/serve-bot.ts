import { writeHeapSnapshot } from 'node:v8';
import { serve } from '../ipc.js';
import { profilingHandlers } from '../profiling.js';

/**
 * What every bot process answers the orchestrator: its memory and CPU time, a CPU profile of a
 * stretch of work (`profile-start` / `profile-stop`), a heap snapshot, and stop. Extra handlers are
 * for one bot only (Syllabot tells which local ports its Redis connections use).
 */
export function serveBot(name: string, stop: () => Promise<void>, extra: Record<string, () => unknown> = {}): void {
  serve({
    ...extra,
    memory() {
      // RSS keeps memory V8 has freed but not returned; the live heap is read after a full GC.
      (globalThis as { gc?: () => void }).gc?.();
      return process.memoryUsage();
    },
    /** CPU time this process has used so far, user + system, in microseconds. */
    cpu() {
      const { user, system } = process.cpuUsage();
      return user + system;
    },
    ...profilingHandlers(name),
    snapshot: () => writeHeapSnapshot(),
    async stop() {
      await stop();
      setImmediate(() => process.exit(0));
    },
  });
}
