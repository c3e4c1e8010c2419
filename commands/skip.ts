import { defineCommand, guildOnly, memberOf } from '../src/discord/command.js';
import { markButton, replyWithOutcome, respondWithTopics, topicOption } from '../src/discord/respond.js';

/** /skip closes a topic without points (it can still be done later); the **Skip** button does the same. */
export default defineCommand({
  data: { name: 'skip', description: 'Skip a topic you already know or want to leave for later', options: [topicOption], ...guildOnly },
  async execute(i, { topic }, ctx) {
    return replyWithOutcome(i, await ctx.progress.skip(memberOf(i), topic ?? null, i.id));
  },
  autocomplete: respondWithTopics,
  buttons: { skip: markButton('skip') },
});
