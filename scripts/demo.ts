import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoSetupError, DemoWorld, fileLogger } from '../demo/world.js';
import { Narrator } from '../demo/narrator.js';
import type { Member, OptionValue } from '../standin/member.js';
import { CHANNEL } from '../standin/fixtures.js';

/**
 * `npm run demo`: Syllabot without a Discord account. Starts the Discord stand-in, the real bot and
 * Redis, plays a short session and prints it as the members would see it.
 */
const logFile = join(tmpdir(), `syllabot-demo-${process.pid}.log`);
let world: DemoWorld;
try {
  world = await DemoWorld.start({ name: 'demo', log: fileLogger(logFile) });
} catch (error) {
  if (!(error instanceof DemoSetupError)) throw error;
  process.stderr.write(`${error.lines.join('\n')}\n`);
  process.exit(1);
}
// In a terminal the progress card is saved as a file to open; DEMO_FILES_DIR asks for it anywhere.
const filesDir = process.env.DEMO_FILES_DIR ?? (process.stdout.isTTY ? tmpdir() : undefined);
const n = new Narrator(world, (text) => process.stdout.write(text), Boolean(process.stdout.isTTY), process.stdout.columns || 100, filesDir);

/** Sends a command as Discord's client would: only once it has checked the options against the registered command. */
const run = (member: Member, name: string, options: Record<string, OptionValue> = {}) => {
  const checked = world.check(name, options);
  if (!checked.ok) throw new Error(`the demo script sends a command Discord would refuse: ${checked.message}`);
  return member.run(name, checked.options);
};

try {
  const alice = world.member('alice');
  const bob = world.member('bob');
  const admin = world.member('admin');

  n.note('Syllabot is connected to a stand-in Discord server, "Backend Study Club"');
  await n.show('alice', '/help', run(alice, 'help'));
  const card = await n.show('alice', '/next', run(alice, 'next'));
  const [shown] = await card.messages(1);
  const done = shown!.components[0]!.components.find((c) => c.label === 'Done')!;
  await n.show('alice', '[presses Done]', alice.press(done.custom_id!));
  await n.show('bob', '/done topic:how-the-internet-works', run(bob, 'done', { topic: 'how-the-internet-works' }));
  await n.show('bob', '/done topic:http-basics link:https://github.com/bob/http-from-scratch', run(bob, 'done', { topic: 'http-basics', link: 'https://github.com/bob/http-from-scratch' }));
  const board = await n.show('alice', '/leaderboard', run(alice, 'leaderboard'));
  const [ranked] = await board.messages(1);
  const share = ranked!.components[0]?.components.find((c) => c.label === 'Share')?.custom_id;
  if (share) await n.show('alice', '[presses Share]', alice.press(share));

  const carol = world.member('carol');
  const dave = world.member('dave');
  await n.show('carol', '/done topic:how-the-internet-works', run(carol, 'done', { topic: 'how-the-internet-works' }));
  await n.show('dave', '/done topic:how-the-internet-works', run(dave, 'done', { topic: 'how-the-internet-works' }));
  await n.show('alice', '/cohort', run(alice, 'cohort'));
  await n.show('bob', '/progress', run(bob, 'progress'));

  n.typed('alice', '/leaderboard period:year');
  const refused = world.check('leaderboard', { period: 'year' });
  if (!refused.ok) n.refused(refused.message);

  const at = new Date(Math.ceil((world.clock.now() + 1) / 60_000) * 60_000);
  const time = at.toISOString().slice(11, 16);
  await n.show('admin', `/studygroup setup channel:#study-hall time:${time} timezone:UTC`, run(admin, 'studygroup', { subcommand: 'setup', channel: CHANNEL, time, timezone: 'UTC' }));
  n.note(`the clock moves on to ${time} UTC`);
  await world.advance(at.getTime() - world.clock.now() + 1_000);
  n.channelPosts();

  const meetup = await n.show('admin', '/meetup create title:"SQL study night" when:"tomorrow 18:00"', run(admin, 'meetup', { subcommand: 'create', title: 'SQL study night', when: 'tomorrow 18:00' }), 2);
  const [announcement] = await meetup.messages(1);
  await n.show('bob', "[presses I'm coming]", bob.press(announcement!.components[0]!.components[0]!.custom_id!));
  n.note('that is the whole loop: /next, Done, the leaderboard, the cohort and the progress card, the daily prompt and meetups');
} finally {
  await world.stop();
  const logged = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim() : '';
  if (logged) process.stderr.write(`The bot logged ${logged.split('\n').length} warning(s) or error(s): see ${logFile}\n`);
  else rmSync(logFile, { force: true });
}
