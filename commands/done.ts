import { ApplicationCommandOptionType } from 'discord.js';
import { defineCommand, guildOnly, memberOf } from '../src/discord/command.js';
import { markButton, replyWithOutcome, respondWithTopics, topicOption } from '../src/discord/respond.js';
import { LINK_MAX } from '../src/progress/evidence.js';

/**
 * /done marks the member's current topic (or a named one) finished, optionally with a link to what
 * they built, which the group sees in the celebration and /progress lists. The **Done** button on
 * the topic card does the same without a link.
 */
export default defineCommand({
  data: {
    name: 'done',
    description: 'Mark a topic as finished (and show the group what you built)',
    options: [
      topicOption,
      { name: 'link', description: 'https link to your work: a repository, a gist, a post', type: ApplicationCommandOptionType.String, max_length: LINK_MAX },
    ],
    ...guildOnly,
  },
  async execute(i, { topic, link }, ctx) {
    return replyWithOutcome(i, await ctx.progress.done(memberOf(i), topic ?? null, i.id, link), { linkGiven: link !== undefined });
  },
  autocomplete: respondWithTopics,
  buttons: { done: markButton('done') },
});
