import { ActionRowBuilder, ApplicationCommandOptionType, ButtonBuilder, ButtonStyle, EmbedBuilder, MessageFlags } from 'discord.js';
import { answer } from '../src/discord/answer.js';
import { buttonId } from '../src/discord/buttons.js';
import { defineCommand, guildOnly, type GuildButton, type GuildChatInput } from '../src/discord/command.js';
import { COLOUR } from '../src/discord/render/common.js';
import type { AppContext } from '../src/context.js';
import { UserError } from '../src/errors.js';
import type { PeriodName } from '../src/progress/periods.js';

const TITLES: Record<PeriodName, string> = { week: 'this week', month: 'this month', all: 'all time' };
const MEDALS = ['🥇', '🥈', '🥉'];
const SHARE = 'share-board';

/**
 * The leaderboard answers only the member who asked, with their own rank, and a **Share** button
 * that posts the board (without anyone's "your rank") to the channel. One answer per interaction,
 * never a follow-up: discord.js sends follow-ups through the bot's global rate limit (see
 * docs/ARCHITECTURE.md, "One public message for a done").
 */
export default defineCommand({
  data: {
    name: 'leaderboard',
    description: 'Top 10 of the server and your own rank (only you see it; Share posts it)',
    options: [
      {
        name: 'period',
        description: 'Which board (default: this week)',
        type: ApplicationCommandOptionType.String,
        choices: [
          { name: 'This week', value: 'week' },
          { name: 'This month', value: 'month' },
          { name: 'All time', value: 'all' },
        ],
      },
    ],
    ...guildOnly,
  },
  async execute(i, args, ctx) {
    const period = args.period ?? 'week';
    const { embed, board } = await boardEmbed(i, period, ctx);
    const own = board.hidden
      ? 'You hide from the boards (`/privacy`), so you are not listed.'
      : board.rank
        ? `Your rank: **#${board.rank}** with ${board.points} points.`
        : 'You are not on this board yet: finish a topic with `/done` to join it.';
    embed.setDescription(`${embed.data.description}\n\n${own}`);
    const share = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId(buttonId(SHARE, period)).setLabel('Share').setStyle(ButtonStyle.Secondary).setEmoji('📣'));
    return answer(i, { embeds: [embed], components: [share], flags: MessageFlags.Ephemeral });
  },
  buttons: {
    /** The board as it stands now, posted for the channel; it names who shared it and nobody's own rank. */
    [SHARE]: async (i, argument, ctx) => {
      if (!isPeriod(argument)) throw new UserError('This button is from an older version of Syllabot. Run `/leaderboard` again for a fresh one.');
      const { embed } = await boardEmbed(i, argument, ctx);
      embed.setDescription(`${embed.data.description}\n\nShared by <@${i.user.id}>.`);
      return answer(i, { embeds: [embed] });
    },
  },
});

const isPeriod = (value: string): value is PeriodName => value in TITLES;

async function boardEmbed(i: GuildChatInput | GuildButton, period: PeriodName, ctx: AppContext) {
  const board = await ctx.progress.leaderboard(i.guildId, period, i.user.id);
  const lines = board.rows.map((row, n) => `${MEDALS[n] ?? `**${n + 1}.**`} <@${row.userId}> — ${row.points} points`);
  const body = lines.length ? lines.join('\n') : `No points ${TITLES[period]} yet. Be the first: \`/next\` shows where to start.`;
  const embed = new EmbedBuilder().setColor(COLOUR.brand).setTitle(`🏆 Leaderboard — ${TITLES[period]}`).setDescription(body).setFooter({ text: board.label });
  return { embed, board };
}
