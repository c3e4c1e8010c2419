import { writeHeapSnapshot } from 'node:v8';

/** The bench asks a bot process for its memory and tells it to stop, over the fork IPC channel. */
export function answerBench(stop: () => Promise<void>): void {
  process.on('message', (message: string) => {
    if (message === 'rss') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send!({ memory: process.memoryUsage() });
    } else if (message === 'snapshot') {
      // For finding what a bot keeps: a heap snapshot in the working directory.
      process.send!({ snapshot: writeHeapSnapshot() });
    } else if (message === 'stop') {
      void stop().then(() => process.exit(0));
    }
  });
}
