import { ApplicationCommandOptionType } from 'discord.js';
import { defineCommand, guildOnly, memberOf, TOPIC_OPTION_MAX, type CommandModule } from './command.js';
import { replyWithOutcome, respondWithTopics } from './respond.js';

/**
 * /done and /skip are the same command with another action: an optional, autocompleted topic
 * (default: the member's current one) and a button of the same name on the topic card.
 */
export function markCommand(action: 'done' | 'skip', description: string): CommandModule {
  return defineCommand({
    data: {
      name: action,
      description,
      options: [
        { name: 'topic', description: 'Topic (default: your current one)', type: ApplicationCommandOptionType.String, autocomplete: true, max_length: TOPIC_OPTION_MAX },
      ],
      ...guildOnly,
    },
    async execute(i, { topic }, ctx) {
      return replyWithOutcome(i, await ctx.progress[action](memberOf(i), topic ?? null, i.id));
    },
    autocomplete: respondWithTopics,
    buttons: {
      [action]: async (i, topicId, ctx) => replyWithOutcome(i, await ctx.progress[action](memberOf(i), topicId, i.id)),
    },
  });
}
