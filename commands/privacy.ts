import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import { answer } from '../src/discord/answer.js';
import { defineCommand, guildOnly } from '../src/discord/command.js';

const HIDDEN_MEANS = 'You are left out of `/leaderboard`, the weekly recap and `/cohort`, your `/done` is celebrated only to you, and others cannot open your `/progress`. Your own `/progress` works as always.';

export default defineCommand({
  data: {
    name: 'privacy',
    description: 'Hide from the leaderboards and the cohort view, or show again',
    options: [
      {
        name: 'visibility',
        description: 'Hide or show (default: tell me my setting)',
        type: ApplicationCommandOptionType.String,
        choices: [
          { name: 'Hide me from boards and the cohort', value: 'hidden' },
          { name: 'Show me again', value: 'visible' },
        ],
      },
    ],
    ...guildOnly,
  },
  async execute(i, { visibility }, ctx) {
    if (visibility === undefined) {
      const { hidden, boardsOff } = await ctx.privacy.status(i.guildId, i.user.id);
      const boards = boardsOff ? '\nThis server has turned its leaderboards off for everyone.' : '';
      const content = hidden ? `🙈 You are hidden. ${HIDDEN_MEANS}\n\`/privacy visibility:Show me again\` undoes it.` : '👀 You are visible on the boards and in the cohort view. `/privacy visibility:Hide me…` hides you.';
      return answer(i, { content: content + boards + '\n`/forget-me` erases everything Syllabot stores about you here.', flags: MessageFlags.Ephemeral });
    }
    const hide = visibility === 'hidden';
    const changed = await ctx.privacy.setHidden(i.guildId, i.user.id, hide);
    const content = hide ? `🙈 ${changed ? 'Done: you are now hidden.' : 'You were already hidden.'} ${HIDDEN_MEANS}` : `👀 ${changed ? 'Done: you show on the boards and in the cohort view again.' : 'You were already visible.'}`;
    return answer(i, { content, flags: MessageFlags.Ephemeral });
  },
});
