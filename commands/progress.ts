import { ApplicationCommandOptionType, ButtonStyle, ComponentType, MessageFlags, PermissionFlagsBits, type APIActionRowComponent, type APIButtonComponentWithCustomId, type User } from 'discord.js';
import type { CardData } from '../src/card/progress-card.js';
import { answer } from '../src/discord/answer.js';
import { buttonId } from '../src/discord/buttons.js';
import { defineCommand, guildOnly, type GuildButton, type GuildChatInput } from '../src/discord/command.js';
import { prebuilt } from '../src/discord/render/common.js';
import { CARD_FILE, progressEmbed } from '../src/discord/render/progress.js';
import type { ProgressReport } from '../src/progress/progress-service.js';
import { UserError } from '../src/errors.js';

const SHARE = 'share-progress';

/** Loaded on first use: the canvas addon costs about 16 MB of RSS, which a bot nobody asks for a card does not pay. */
const renderProgressCard = async (data: CardData) => (await import('../src/card/progress-card.js')).renderProgressCard(data);

/**
 * /progress answers only the member who asked: their card (a PNG, where the bot may attach files)
 * with the same progress as text. On their own progress, **Share** posts the card to the channel.
 */
export default defineCommand({
  data: {
    name: 'progress',
    description: 'See your progress, or another member’s, with a progress card',
    options: [{ name: 'member', description: 'Whose progress (default: yours)', type: ApplicationCommandOptionType.User }],
    ...guildOnly,
  },
  async execute(i, args, ctx) {
    const target = args.member ?? i.user;
    if (target.bot) throw new UserError('Bots do not study the roadmap, so they have no progress to show.');
    const report = await ctx.progress.progress({ guildId: i.guildId, userId: target.id });
    const self = target.id === i.user.id;
    if (!self && report.hidden) throw new UserError(`<@${target.id}> keeps their progress private.`);
    if (!report.started) {
      const content = self ? 'You have not started yet. `/next` shows your first topic.' : `<@${target.id}> has not marked any topic yet.`;
      return answer(i, { content, flags: MessageFlags.Ephemeral });
    }
    const trackTitle = ctx.curriculum.track(report.track)?.title ?? report.track;
    // The card is an attachment: only where the bot may attach files in this channel (Discord says
    // so in the interaction's app_permissions); elsewhere the same progress as text.
    if (!mayAttach(i)) return answer(i, { embeds: [progressEmbed(target.id, report, trackTitle)], flags: MessageFlags.Ephemeral });
    const png = await renderProgressCard(cardData(report, trackTitle, displayName(i, target)));
    return answer(i, {
      embeds: [progressEmbed(target.id, report, trackTitle, { card: true })],
      files: [{ attachment: png, name: CARD_FILE }],
      components: self ? [prebuilt(shareRow())] : [],
      flags: MessageFlags.Ephemeral,
    });
  },
  buttons: {
    /** The presser's own card as it stands now, posted for the channel: whoever presses shares their own. */
    [SHARE]: async (i, _me, ctx) => {
      if (!mayAttach(i)) throw new UserError('I may not attach files in this channel, so I cannot post your card here.');
      const report = await ctx.progress.progress({ guildId: i.guildId, userId: i.user.id });
      if (!report.started) throw new UserError('You have not started yet, so there is no card to share. `/next` shows your first topic.');
      const trackTitle = ctx.curriculum.track(report.track)?.title ?? report.track;
      const png = await renderProgressCard(cardData(report, trackTitle, displayName(i, i.user)));
      return answer(i, { content: `📈 <@${i.user.id}> shared their progress on the ${trackTitle} track.`, files: [{ attachment: png, name: CARD_FILE }] });
    },
  },
});

const mayAttach = (i: GuildChatInput | GuildButton) => Boolean(i.appPermissions?.has(PermissionFlagsBits.AttachFiles));

function shareRow(): APIActionRowComponent<APIButtonComponentWithCustomId> {
  return { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, custom_id: buttonId(SHARE, 'me'), label: 'Share', style: ButtonStyle.Secondary, emoji: { name: '📣' } }] };
}

function cardData(report: ProgressReport, trackTitle: string, name: string): CardData {
  return {
    name,
    trackTitle,
    modules: report.modules.map((m) => ({ title: m.module.title, closed: m.closed, total: m.total })),
    done: report.done,
    skipped: report.skipped,
    total: report.total,
    points: report.points,
    streak: report.streak,
    bestStreak: report.bestStreak,
    freezes: report.freezes,
    rank: report.weekRank,
    showRank: report.showRank,
    reviewsDue: report.reviewsDue,
  };
}

/** The name the server shows for a member: their nickname here, else their display name, else their username. */
function displayName(i: GuildChatInput | GuildButton, user: User): string {
  const member = user.id === i.user.id ? i.member : (i as GuildChatInput).options.getMember('member');
  if (member && 'displayName' in member) return member.displayName;
  const nick = member && 'nick' in member ? member.nick : undefined;
  return nick || user.globalName || user.username;
}
