import { startApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { answerBench } from './ipc.js';

/** The real bot, as `npm start` runs it, in a process of its own. */
const app = await startApp(parseConfig(process.env));
answerBench(() => app.stop());
process.send!('ready');
