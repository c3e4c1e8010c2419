import { startApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';

/** The real bot until READY; then it reports its RSS after a full GC, for bench/scale.ts. */
const app = await startApp(parseConfig(process.env));
await new Promise((resolve) => setTimeout(resolve, 2_000)); // GUILD_CREATEs processed
(globalThis as { gc?: () => void }).gc?.();
process.send!(process.memoryUsage().rss);
process.once('SIGTERM', () => void app.stop().then(() => process.exit(0)));
