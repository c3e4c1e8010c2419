import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import { guildOnly, TOPIC_OPTION_MAX, type CommandModule } from '../src/discord/command.js';
import { respondWithTopics } from '../src/discord/respond.js';
import { topicButtons, topicEmbed } from '../src/discord/render/topic.js';

export default {
  data: {
    name: 'topic',
    description: 'Show any topic of the curriculum',
    options: [{ name: 'topic', description: 'Start typing a title', type: ApplicationCommandOptionType.String, autocomplete: true, required: true, max_length: TOPIC_OPTION_MAX }],
    ...guildOnly,
  },
  async execute(i, ctx) {
    const topic = ctx.progress.topic(i.options.getString('topic', true));
    return i.reply({ embeds: [topicEmbed(topic, ctx.curriculum)], components: [topicButtons(topic)], flags: MessageFlags.Ephemeral });
  },
  autocomplete: respondWithTopics,
} as const satisfies CommandModule;
