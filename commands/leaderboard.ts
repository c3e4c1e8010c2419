import { ApplicationCommandOptionType, EmbedBuilder } from 'discord.js';
import { defineCommand, guildOnly } from '../src/discord/command.js';
import { COLOUR } from '../src/discord/render/common.js';
import type { PeriodName } from '../src/progress/periods.js';

const TITLES: Record<PeriodName, string> = { week: 'this week', month: 'this month', all: 'all time' };
const MEDALS = ['🥇', '🥈', '🥉'];

export default defineCommand({
  data: {
    name: 'leaderboard',
    description: 'Top 10 of the server and your own rank',
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
    const board = await ctx.progress.leaderboard(i.guildId, period, i.user.id);
    const lines = board.rows.map((row, n) => `${MEDALS[n] ?? `**${n + 1}.**`} <@${row.userId}> — ${row.points} points`);
    const own = board.rank
      ? `Your rank: **#${board.rank}** with ${board.points} points.`
      : 'You are not on this board yet: finish a topic with `/done` to join it.';
    const body = lines.length ? lines.join('\n') : `No points ${TITLES[period]} yet. Be the first: \`/next\` shows where to start.`;
    const embed = new EmbedBuilder()
      .setColor(COLOUR.brand)
      .setTitle(`🏆 Leaderboard — ${TITLES[period]}`)
      .setDescription(`${body}\n\n${own}`)
      .setFooter({ text: board.label });
    return i.reply({ embeds: [embed] });
  },
});
