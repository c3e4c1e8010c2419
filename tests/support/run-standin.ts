/**
 * Runs the Discord stand-in on its own, for trying `npm run deploy` and `npm start` by hand:
 *   npx tsx tests/support/run-standin.ts 5055
 * then start the bot with DISCORD_API_URL=http://127.0.0.1:5055/api and DISCORD_TOKEN=anything.
 * Once the bot connects, a member runs /next and the stand-in prints what the bot answered.
 */
import { DiscordStandin } from './discord-standin.js';
import { Member } from './member.js';
import { CHANNEL, GUILD } from './world.js';

const port = Number(process.argv[2] ?? 5055);
const standin = new DiscordStandin([{ id: GUILD, channelIds: [CHANNEL] }]);
standin.port = port;
await standin.listen(port);
console.log(`stand-in listening: DISCORD_API_URL=${standin.apiUrl}`);
let seen = 0;
setInterval(() => {
  for (const call of standin.calls.slice(seen)) console.log(`${call.method} ${call.path} ${JSON.stringify(call.body ?? '').slice(0, 300)}`);
  seen = standin.calls.length;
}, 200);
await standin.waitForIdentify(1, 3_600_000);
console.log('bot identified; sending /next');
const reply = await new Member(standin, GUILD, '400000000000000001', CHANNEL).run('next').reply();
console.log(`bot answered /next in ${reply.ms} ms: ${reply.embeds[0]?.title}`);
