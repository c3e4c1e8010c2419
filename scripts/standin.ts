/**
 * Runs the Discord stand-in on its own, for trying `npm run deploy` and `npm start` by hand:
 *   npm run standin [-- 5055] [--daily]
 * then, in another terminal, DISCORD_API_URL=http://127.0.0.1:5055/api DISCORD_TOKEN=stand-in npm run deploy
 * and the same with npm start (it prints both lines).
 * Once the bot connects, a member runs /next and the stand-in prints what the bot answered. With
 * --daily an admin also sets up the study group for the next minute (UTC), and the stand-in waits
 * for the daily prompt to arrive in real time.
 */
import { DiscordStandin } from '../standin/discord-standin.js';
import { Member } from '../standin/member.js';
import { ADMIN_PERMISSIONS, CHANNEL, GUILD } from '../standin/fixtures.js';

const port = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5055);
const standin = new DiscordStandin([{ id: GUILD, channelIds: [CHANNEL] }]);
standin.port = port;
await standin.listen(port);
console.log(`stand-in listening: DISCORD_API_URL=${standin.apiUrl}`);
console.log('In another terminal, register the commands with it and start the bot against it (any token will do):');
console.log(`  DISCORD_API_URL=${standin.apiUrl} DISCORD_TOKEN=stand-in npm run deploy`);
console.log(`  DISCORD_API_URL=${standin.apiUrl} DISCORD_TOKEN=stand-in npm start`);
console.log('Every call the bot makes is printed below. Ctrl-C stops the stand-in.');
let seen = 0;
setInterval(() => {
  for (const call of standin.calls.slice(seen)) console.log(`${call.method} ${call.path} ${JSON.stringify(call.body ?? '').slice(0, 300)}`);
  seen = standin.calls.length;
}, 200);
await standin.waitForIdentify(1, 3_600_000);
console.log('bot identified; sending /next');
const reply = await new Member(standin, GUILD, '400000000000000001', CHANNEL).run('next').reply();
console.log(`bot answered /next in ${reply.ms} ms: ${reply.embeds[0]?.title}`);

if (process.argv.includes('--daily')) {
  const at = new Date(Date.now() + 60_000);
  const time = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
  const admin = new Member(standin, GUILD, '400000000000000002', CHANNEL, ADMIN_PERMISSIONS);
  const setup = await admin.run('studygroup', { subcommand: 'setup', channel: CHANNEL, time, timezone: 'UTC' }).reply();
  console.log(`study group set up for ${time} UTC: ${setup.embeds[0]?.title}`);
  const started = Date.now();
  await standin.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL}/messages`, 200_000);
  const prompt = standin.channelMessages(CHANNEL)[0];
  console.log(`daily prompt arrived at ${new Date().toISOString()} after ${Math.round((Date.now() - started) / 1000)} s: ${prompt?.body.embeds?.[0]?.title}`);
}
