import { EmbedBuilder } from 'discord.js';
import type { Curriculum } from '../../curriculum/curriculum.js';
import type { ProgressReport } from '../../progress/progress-service.js';
import { clip, COLOUR, fitLines, LIMIT, progressBar } from './common.js';
import { FREEZE_RULE } from './remember.js';

/** The card's file name: the embed shows it with `attachment://`. */
export const CARD_FILE = 'progress.png';

/**
 * /progress as text: bars per module, the figures, the latest pieces of work, and (when the bot may
 * attach files) the PNG card as the embed's image.
 */
export function progressEmbed(userId: string, report: ProgressReport, trackTitle: string, options: { card?: boolean } = {}): EmbedBuilder {
  const lines = report.modules.map((p) => `\`${progressBar(p.closed, p.total)}\` ${p.closed}/${p.total} ${p.module.title}`);
  const work = report.work.length ? `\n\n**Latest work**\n${report.work.map((w) => `• ${w.title}: <${w.url}>`).join('\n')}` : '';
  const embed = new EmbedBuilder()
    .setColor(COLOUR.info)
    .setTitle(clip(`Progress on the ${trackTitle} track`, LIMIT.title))
    // The work list is at most 5 × ~270 characters: the bars give way to it, never the reverse.
    .setDescription(clip(`<@${userId}>\n\n${fitLines(lines, LIMIT.description - 100 - work.length)}${work}`, LIMIT.description))
    .addFields(
      { name: 'Topics', value: `${report.done} done, ${report.skipped} skipped, of ${report.total}`, inline: true },
      { name: 'Points', value: report.bonus ? `${report.points} (${report.bonus} from self-checks)` : String(report.points), inline: true },
      { name: 'Streak', value: streakLine(report), inline: true },
      { name: 'This week', value: rankLine(report), inline: true },
      { name: 'Reviews', value: report.reviewsDue ? `${report.reviewsDue} due · \`/review\`` : 'none due', inline: true },
    )
    .setFooter({ text: `🧊 ${FREEZE_RULE}` });
  if (options.card) embed.setImage(`attachment://${CARD_FILE}`);
  return embed;
}

function rankLine(report: ProgressReport): string {
  if (report.boardsOff) return `${report.weekPoints} points (this server has no boards)`;
  if (report.hidden) return `${report.weekPoints} points (hidden from boards: \`/privacy\`)`;
  return report.weekRank ? `#${report.weekRank} (${report.weekPoints} points)` : 'not on the board yet';
}

/** "9 days (best 12) · 🧊 1 freeze held", and a note when a freeze is covering yesterday. */
export function streakLine(report: Pick<ProgressReport, 'streak' | 'bestStreak' | 'freezes' | 'covering'>): string {
  const days = `${report.streak} day${report.streak === 1 ? '' : 's'} (best ${report.bestStreak})`;
  const freezes = `🧊 ${report.freezes} freeze${report.freezes === 1 ? '' : 's'} held`;
  return `${days} · ${freezes}${report.covering ? '\nOne covers yesterday if you study today.' : ''}`;
}

/**
 * How many topics each track has: the totals /progress counts against ("of N" is the member's
 * track), never the whole curriculum's count, which no member studies in full. For example
 * "180 topics on the Python track, 182 on the Node.js track".
 */
export function trackTotals(curriculum: Curriculum): string {
  return curriculum.tracks.map((t, n) => `${curriculum.onTrack(t.id).length}${n === 0 ? ' topics' : ''} on the ${t.title} track`).join(', ');
}
