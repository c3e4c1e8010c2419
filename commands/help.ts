import { ApplicationCommandOptionType, EmbedBuilder, MessageFlags } from 'discord.js';
import { answer } from '../src/discord/answer.js';
import { defineCommand, guildOnly } from '../src/discord/command.js';
import { COLOUR } from '../src/discord/render/common.js';
import { trackTotals } from '../src/discord/render/progress.js';
import { FREEZE_RULE } from '../src/discord/render/remember.js';
import { REVIEW_GAPS } from '../src/progress/review.js';
import { CHECK_BONUS } from '../src/progress/self-check.js';
import { commands } from './index.js';

export default defineCommand({
  data: { name: 'help', description: 'What Syllabot does and every command', ...guildOnly },
  async execute(i, _args, ctx) {
    const lines = commands.map((c) => {
      const options = c.data.options ?? [];
      const subcommands = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand).map((o) => o.name);
      const usage = subcommands.length ? subcommands.join('|') : options.map((o) => ('required' in o && o.required ? `<${o.name}>` : `[${o.name}]`)).join(' ');
      return `\`/${c.data.name}${usage ? ` ${usage}` : ''}\` — ${c.data.description}`;
    });
    const embed = new EmbedBuilder()
      .setColor(COLOUR.brand)
      .setTitle('Syllabot — study the backend roadmap together')
      .setDescription(
        [
          // Per track, as /progress counts ("of N"): a member studies one track, not every topic.
          `Work through **${ctx.curriculum.title}** at your own pace: ${trackTotals(ctx.curriculum)}.`,
          '`/next` shows your topic, `/done` marks it finished and earns points and a streak.',
          `**Remember it:** after a done, **Check yourself** asks the topic’s questions (+${CHECK_BONUS} points for each one right on the first try); \`/review\` brings finished topics back after ${REVIEW_GAPS.join(', ')} days.`,
          `**Streak freezes:** ${FREEZE_RULE}`,
          '**Together:** `/cohort` shows who is studying what and suggests study pairs; `/done link:` shows the group what you built; `/privacy` hides you from the boards; `/forget-me` erases your data here.',
          '',
          ...lines,
        ].join('\n'),
      );
    return answer(i, { embeds: [embed], flags: MessageFlags.Ephemeral });
  },
});
