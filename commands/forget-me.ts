import { ButtonStyle, ComponentType, MessageFlags, type APIActionRowComponent, type APIButtonComponentWithCustomId } from 'discord.js';
import { answer, update } from '../src/discord/answer.js';
import { buttonId } from '../src/discord/buttons.js';
import { defineCommand, guildOnly } from '../src/discord/command.js';
import { prebuilt } from '../src/discord/render/common.js';
import { erasedText } from '../src/discord/render/privacy.js';

const FORGET = 'forget-me';

/**
 * /forget-me erases everything Syllabot stores about the member in this server, after a confirm
 * button on a message only they see (so only they can press it). It says what was erased.
 */
export default defineCommand({
  data: { name: 'forget-me', description: 'Erase everything Syllabot stores about you in this server', ...guildOnly },
  async execute(i) {
    const row: APIActionRowComponent<APIButtonComponentWithCustomId> = {
      type: ComponentType.ActionRow,
      components: [
        { type: ComponentType.Button, custom_id: buttonId(FORGET, 'confirm'), label: 'Erase everything', style: ButtonStyle.Danger, emoji: { name: '🗑️' } },
        { type: ComponentType.Button, custom_id: buttonId(FORGET, 'cancel'), label: 'Keep my data', style: ButtonStyle.Secondary },
      ],
    };
    return answer(i, {
      content:
        '⚠️ This erases everything Syllabot stores about you in this server: your progress, points, streak and freezes, your work links, reviews and self-check answers, your places on the leaderboards, your RSVPs and your privacy setting. It cannot be undone.',
      components: [prebuilt(row)],
      flags: MessageFlags.Ephemeral,
    });
  },
  buttons: {
    [FORGET]: async (i, choice, ctx) => {
      if (choice !== 'confirm') return update(i, { content: 'Nothing was erased. Your progress is safe.', components: [] });
      const result = await ctx.privacy.forget(i.guildId, i.user.id);
      return update(i, { content: erasedText(result), components: [] });
    },
  },
});
