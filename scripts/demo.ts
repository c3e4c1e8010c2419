import { DemoWorld } from '../demo/world.js';
import { Narrator } from '../demo/narrator.js';
import { CHANNEL } from '../standin/fixtures.js';

/**
 * `npm run demo`: Syllabot without a Discord account. Starts the Discord stand-in, the real bot and
 * Redis, plays a short session and prints it as the members would see it.
 */
const world = await DemoWorld.start();
const n = new Narrator(world, (text) => process.stdout.write(text), Boolean(process.stdout.isTTY));
try {
  const alice = world.member('alice');
  const bob = world.member('bob');
  const admin = world.member('admin');

  n.note('Syllabot is connected to a stand-in Discord server, "Backend Study Club"');
  await n.show('alice', '/help', alice.run('help'));
  const card = await n.show('alice', '/next', alice.run('next'));
  const [shown] = await card.messages(1);
  const done = shown!.components[0]!.components.find((c) => c.label === 'Done')!;
  await n.show('alice', '[presses Done]', alice.press(done.custom_id!));
  await n.show('bob', '/done topic:how-the-internet-works', bob.run('done', { topic: 'how-the-internet-works' }));
  await n.show('bob', '/done topic:http-basics', bob.run('done', { topic: 'http-basics' }));
  await n.show('alice', '/leaderboard', alice.run('leaderboard'));

  const at = new Date(Math.ceil((world.clock.now() + 1) / 60_000) * 60_000);
  const time = at.toISOString().slice(11, 16);
  await n.show('admin', `/studygroup setup channel:#study-hall time:${time} timezone:UTC`, admin.run('studygroup', { subcommand: 'setup', channel: CHANNEL, time, timezone: 'UTC' }));
  n.note(`the clock moves on to ${time} UTC`);
  await world.advance(at.getTime() - world.clock.now() + 1_000);
  n.channelPosts();

  const meetup = await n.show('admin', '/meetup create title:"SQL study night" when:"tomorrow 18:00"', admin.run('meetup', { subcommand: 'create', title: 'SQL study night', when: 'tomorrow 18:00' }), 2);
  const [announcement] = await meetup.messages(1);
  await n.show('bob', "[presses I'm coming]", bob.press(announcement!.components[0]!.components[0]!.custom_id!));
  n.note('that is the whole loop: /next, Done, the leaderboard, the daily prompt and meetups');
} finally {
  await world.stop();
}
