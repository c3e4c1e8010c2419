import { ApplicationCommandOptionType } from 'discord.js';
import { guildOnly, memberOf, TOPIC_OPTION_MAX, type CommandModule } from '../src/discord/command.js';
import { replyWithOutcome, respondWithTopics } from '../src/discord/respond.js';

export default {
  data: {
    name: 'skip',
    description: 'Skip a topic you already know or want to leave for later',
    options: [
      { name: 'topic', description: 'Topic (default: your current one)', type: ApplicationCommandOptionType.String, autocomplete: true, max_length: TOPIC_OPTION_MAX },
    ],
    ...guildOnly,
  },
  async execute(i, ctx) {
    return replyWithOutcome(i, await ctx.progress.skip(memberOf(i), i.options.getString('topic'), i.id));
  },
  autocomplete: respondWithTopics,
  buttons: {
    skip: async (i, topicId, ctx) => replyWithOutcome(i, await ctx.progress.skip(memberOf(i), topicId, i.id)),
  },
} as const satisfies CommandModule;
