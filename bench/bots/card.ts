import { ButtonStyle, Client, ComponentType, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { cardFields } from './card-data.js';
import { serveBot } from './serve-bot.js';

/**
 * Baseline: a bare discord.js bot (default caches, no store) that answers every command with the
 * shape of Syllabot's /next: ephemeral, a line of text, one embed with the topic card's fields and a
 * row of two buttons (see card-data.ts). The reply is a fresh plain object per interaction (the API
 * shape discord.js accepts as it is), the cheapest way discord.js offers to send that shape: with
 * EmbedBuilder/ButtonBuilder this bot cost about 1.7× the CPU per interaction, because the builders'
 * nullable setters (setColor, setTitle, setDescription…) create a validation error for their null
 * branch on every call, validators on or off. The field texts are prepared once: a bot without a
 * store has nothing to look up.
 */
const card = cardFields();

const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: process.env.DISCORD_API_URL! } });
client.on(Events.InteractionCreate, (i) => {
  if (!i.isChatInputCommand()) return;
  void i.reply({
    content: card.content,
    embeds: [{ color: 0x5865f2, title: card.title, author: { name: card.author }, description: card.description, fields: card.fields.map((f) => ({ ...f })), footer: { text: card.footer } }],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, customId: `v1:done:${card.topicId}`, label: 'Done', style: ButtonStyle.Success },
          { type: ComponentType.Button, customId: `v1:skip:${card.topicId}`, label: 'Skip', style: ButtonStyle.Secondary },
        ],
      },
    ],
    flags: MessageFlags.Ephemeral,
  });
});
await new Promise<void>((resolve) => {
  client.once(Events.ClientReady, () => resolve());
  void client.login(process.env.DISCORD_TOKEN);
});
serveBot('card', () => client.destroy());
