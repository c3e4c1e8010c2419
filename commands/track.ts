import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import { guildOnly, memberOf, type CommandModule } from '../src/discord/command.js';

export default {
  data: {
    name: 'track',
    description: 'Choose the language you study the roadmap in',
    options: [
      {
        name: 'track',
        description: 'Your language track',
        type: ApplicationCommandOptionType.String,
        required: true,
        choices: [
          { name: 'Python', value: 'python' },
          { name: 'Node.js', value: 'node' },
        ],
      },
    ],
    ...guildOnly,
  },
  async execute(i, ctx) {
    const track = i.options.getString('track', true);
    await ctx.progress.setTrack(memberOf(i), track);
    const title = ctx.curriculum.track(track)?.title ?? track;
    return i.reply({ content: `Your track is now **${title}**. Topics you already finished still count; \`/next\` shows where you are on it.`, flags: MessageFlags.Ephemeral });
  },
} as const satisfies CommandModule;
