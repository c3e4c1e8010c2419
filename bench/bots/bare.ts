import { Client, Events, GatewayIntentBits } from 'discord.js';
import { serveBot } from './serve-bot.js';

/** Baseline: a bare discord.js bot, default caches, that answers every command with "pong". */
const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: process.env.DISCORD_API_URL! } });
client.on(Events.InteractionCreate, (i) => {
  if (i.isChatInputCommand()) void i.reply('pong');
});
await new Promise<void>((resolve) => {
  client.once(Events.ClientReady, () => resolve());
  void client.login(process.env.DISCORD_TOKEN);
});
serveBot('pong', () => client.destroy());
