import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import { answer } from '../src/discord/answer.js';
import { defineCommand, guildOnly, TOPIC_OPTION_MAX } from '../src/discord/command.js';
import { respondWithTopics } from '../src/discord/respond.js';
import { prebuilt } from '../src/discord/render/common.js';
import { topicButtons, topicCard } from '../src/discord/render/topic.js';

export default defineCommand({
  data: {
    name: 'topic',
    description: 'Show any topic of the curriculum',
    options: [{ name: 'topic', description: 'Start typing a title', type: ApplicationCommandOptionType.String, autocomplete: true, required: true, max_length: TOPIC_OPTION_MAX }],
    ...guildOnly,
  },
  async execute(i, args, ctx) {
    const topic = ctx.progress.topic(args.topic);
    return answer(i, { embeds: [prebuilt(topicCard(topic, ctx.curriculum))], components: [prebuilt(topicButtons(topic))], flags: MessageFlags.Ephemeral });
  },
  autocomplete: respondWithTopics,
});
