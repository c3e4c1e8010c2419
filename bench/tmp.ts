import { interactionBenchmarks } from './interactions.js';
console.table(await interactionBenchmarks('redis://127.0.0.1:6379'));
process.exit(0);
