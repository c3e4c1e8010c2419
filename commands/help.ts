import { ApplicationCommandOptionType, EmbedBuilder, MessageFlags } from 'discord.js';
import { defineCommand, guildOnly } from '../src/discord/command.js';
import { COLOUR } from '../src/discord/render/common.js';
import { commands } from './index.js';

export default defineCommand({
  data: { name: 'help', description: 'What Syllabot does and every command', ...guildOnly },
  async execute(i, _args, ctx) {
    const lines = commands.map((c) => {
      const options = c.data.options ?? [];
      const subcommands = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand).map((o) => o.name);
      const usage = subcommands.length ? subcommands.join('|') : options.map((o) => ('required' in o && o.required ? `<${o.name}>` : `[${o.name}]`)).join(' ');
      return `\`/${c.data.name}${usage ? ` ${usage}` : ''}\` — ${c.data.description}`;
    });
    const embed = new EmbedBuilder()
      .setColor(COLOUR.brand)
      .setTitle('Syllabot — study the backend roadmap together')
      .setDescription(
        [
          `Work through **${ctx.curriculum.title}** (${ctx.curriculum.topics.length} topics) at your own pace:`,
          '`/next` shows your topic, `/done` marks it finished and earns points and a streak.',
          '',
          ...lines,
        ].join('\n'),
      );
    return i.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
  },
});
