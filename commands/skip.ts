import { ApplicationCommandOptionType } from 'discord.js';
import { defineCommand, guildOnly, memberOf, TOPIC_OPTION_MAX } from '../src/discord/command.js';
import { replyWithOutcome, respondWithTopics } from '../src/discord/respond.js';

/** /skip closes a topic without points (it can still be done later); the **Skip** button does the same. */
export default defineCommand({
  data: {
    name: 'skip',
    description: 'Skip a topic you already know or want to leave for later',
    options: [{ name: 'topic', description: 'Topic (default: your current one)', type: ApplicationCommandOptionType.String, autocomplete: true, max_length: TOPIC_OPTION_MAX }],
    ...guildOnly,
  },
  async execute(i, { topic }, ctx) {
    return replyWithOutcome(i, await ctx.progress.skip(memberOf(i), topic ?? null, i.id));
  },
  autocomplete: respondWithTopics,
  buttons: {
    skip: async (i, topicId, ctx) => replyWithOutcome(i, await ctx.progress.skip(memberOf(i), topicId, i.id)),
  },
});
