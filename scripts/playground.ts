import { createInterface } from 'node:readline/promises';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoSetupError, DemoWorld, fileLogger } from '../demo/world.js';
import { Narrator } from '../demo/narrator.js';
import { parsePlaygroundLine } from '../demo/playground-parser.js';
import type { SeenMessage } from '../standin/member.js';

/** `npm run playground`: the demo's world, interactive. */
const logFile = join(tmpdir(), `syllabot-playground-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}-${process.pid}.log`);
let world: DemoWorld;
try {
  world = await DemoWorld.start({ name: 'playground', log: fileLogger(logFile) });
} catch (error) {
  if (!(error instanceof DemoSetupError)) throw error;
  process.stderr.write(`${error.lines.join('\n')}\n`);
  process.exit(1);
}
const colour = Boolean(process.stdout.isTTY);
// The progress card is saved as a file to open (DEMO_FILES_DIR chooses where).
const n = new Narrator(world, (text) => process.stdout.write(text), colour, process.stdout.columns || 100, process.env.DEMO_FILES_DIR ?? tmpdir());
const help = [
  'Type slash commands as in Discord: /next, /done, /done topic:http-basics, /skip, /undo, /progress member:@bob,',
  '/leaderboard period:all, /topic topic:sql-joins, /track track:node, /help,',
  '/studygroup setup channel:#study-hall time:09:00 timezone:Europe/Berlin, /meetup create title:"SQL night" when:"tomorrow 18:00".',
  'Playground only: /as bob (switch member: alice, bob, carol, dave, admin), /press 1 (click a button of the last answer),',
  '/time +1d (move the clock; the scheduler runs and posts what falls due), /quit.',
].join('\n');
n.note('Syllabot playground: a stand-in Discord server with the real bot');
process.stdout.write(`${help}\n`);
process.stdout.write(`The bot's warnings and errors go to ${logFile}\n`);

let who = 'alice';
let last: SeenMessage[] = [];
const input = createInterface({ input: process.stdin, output: process.stdout, terminal: colour });
// On a terminal readline shows the prompt; piped input is echoed instead, so the transcript reads well.
const prompt = () => {
  input.setPrompt(`${who} › `);
  if (colour) input.prompt();
};
prompt();
try {
  for await (const line of input) {
    const parsed = parsePlaygroundLine(line);
    if (parsed?.kind === 'quit') break;
    if (!colour && parsed) process.stdout.write(`${who} › ${line.trim()}\n`);
    if (parsed?.kind === 'help') process.stdout.write(`${help}\n`);
    else if (parsed?.kind === 'error') process.stdout.write(`${parsed.message}\n`);
    else if (parsed?.kind === 'as') who = parsed.name;
    else if (parsed?.kind === 'time') {
      await world.advance(parsed.ms);
      n.channelPosts();
      n.note(`it is now ${n.out.time(world.clock.now())}`);
    } else if (parsed?.kind === 'press') {
      const buttons = last.flatMap((m) => m.components.flatMap((row) => row.components));
      const button = buttons[parsed.button - 1];
      if (!button?.custom_id) process.stdout.write('There is no such button on the last answer.\n');
      else last = await n.settle(world.member(who).press(button.custom_id));
    } else if (parsed?.kind === 'command') {
      // Discord's client checks the options against the registered command and refuses to send what does not fit.
      const checked = world.check(parsed.name, parsed.options);
      if (!checked.ok) n.refused(checked.message);
      else {
        last = await n.settle(world.member(who).run(parsed.name, checked.options));
        n.channelPosts();
      }
    }
    prompt();
  }
} finally {
  input.close();
  await world.stop();
  const logged = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim() : '';
  if (logged) process.stdout.write(`The bot logged ${logged.split('\n').length} warning(s) or error(s) to ${logFile}\n`);
  else rmSync(logFile, { force: true });
}
