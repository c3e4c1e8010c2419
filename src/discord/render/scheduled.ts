import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { Meetup } from '../../meetups/meetup-store.js';
import type { DailyPromptView, RecapView, ReminderStage, ReminderView } from '../../scheduler/poster.js';
import { literal } from '../../text.js';
import { buttonId } from '../buttons.js';
import { clip, COLOUR, fitLines, LIMIT } from './common.js';

/** Discord renders these in each reader's own time zone. */
export const timestamp = (ms: number, style: 'F' | 'R' | 't' | 'D' = 'F') => `<t:${Math.floor(ms / 1000)}:${style}>`;

/** How a daily prompt names its slot; a retry looks for it among the channel's recent messages. */
export const dailyPromptMarker = (view: Pick<DailyPromptView, 'slotLabel'>) => `Prompt for ${view.slotLabel}`;

export function dailyPromptMessage(view: DailyPromptView) {
  const { topic } = view;
  const embed = new EmbedBuilder()
    .setColor(COLOUR.brand)
    .setAuthor({ name: clip(`Today's topic · ${view.moduleTitle}`, 256) })
    .setTitle(clip(topic.title, LIMIT.title))
    .setDescription(clip(topic.summary, LIMIT.description))
    .addFields(
      { name: '💬 Discuss', value: clip(topic.prompt, LIMIT.fieldValue) },
      { name: 'Resources', value: fitLines(topic.resources.map((r) => `• [${r.title.replace(/[[\]]/g, '')}](${r.url})`), LIMIT.fieldValue) },
    )
    .setFooter({ text: `${dailyPromptMarker(view)} · Studying at your own pace? /next shows your own next topic.` });
  return { embeds: [embed.toJSON()], threadName: clip(`${topic.title} — discussion`, 100) };
}

/** Discord pings at most 100 users a message, and a message holds 2,000 characters. */
const MENTIONS_PER_MESSAGE = 100;
const CONTENT_MAX = 2_000;

export interface ReminderMessage {
  content: string;
  components?: ReturnType<typeof rsvpRow>[];
  /** The members this message mentions, and pings: those who asked to be reminded, nobody else. */
  users: string[];
}

/**
 * A meetup reminder mentions every member who said they are coming: as many messages as it takes,
 * each within 2,000 characters and 100 mentions, never cutting a mention, and each allowing exactly
 * the mentions it carries.
 */
export function reminderMessages(view: ReminderView): ReminderMessage[] {
  const { meetup, stage, attendees } = view;
  const when = stage === 'start' ? 'is starting now' : `starts ${timestamp(meetup.startMs, 'R')} (${timestamp(meetup.startMs)})`;
  const head = `⏰ **${clip(literal(meetup.title), 300)}** ${when}.`;
  if (!attendees.length) return [{ content: `${head}\nNobody has said they are coming yet.`, components: [rsvpRow(meetup)], users: [] }];
  const messages: ReminderMessage[] = [];
  let content = `${head}\nComing:`;
  let users: string[] = [];
  for (const id of attendees) {
    const mention = ` <@${id}>`;
    if (users.length === MENTIONS_PER_MESSAGE || content.length + mention.length > CONTENT_MAX) {
      messages.push({ content, users });
      content = 'Also coming:';
      users = [];
    }
    content += mention;
    users.push(id);
  }
  messages.push({ content, users });
  messages[0]!.components = [rsvpRow(meetup)];
  return messages;
}

export function recapMessage(view: RecapView) {
  const lines = view.rows.map((row, n) => `**${n + 1}.** <@${row.userId}> — ${row.points} points`);
  const embed = new EmbedBuilder()
    .setColor(COLOUR.success)
    .setTitle(`📊 Week ${view.week} in review`)
    .setDescription(
      [
        `The group finished **${view.topicsDone}** topic${view.topicsDone === 1 ? '' : 's'} this week.`,
        '',
        view.boardsOff ? 'Keep going together: `/cohort` shows who is studying what.' : lines.length ? `**Top ${lines.length}**\n${lines.join('\n')}` : 'Nobody scored this week. A fresh start on Monday: `/next`.',
      ].join('\n'),
    );
  return { embeds: [embed.toJSON()] };
}

/** "24 h before, 1 h before and at the start", for the reminders actually planned. */
export function reminderPlan(stages: ReminderStage[]): string {
  const words = stages.map((s) => (s === 'start' ? 'at the start' : `${s} before`));
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

export function meetupAnnouncement(meetup: Meetup, reminders: ReminderStage[], going = 0) {
  const remind = reminders.length ? `Press **I'm coming** to get a reminder ${reminderPlan(reminders)}.` : "Press **I'm coming** so the others know.";
  return {
    content: clip(`📅 **${clip(literal(meetup.title), 300)}** — ${timestamp(meetup.startMs)} (${timestamp(meetup.startMs, 'R')}), ${meetup.minutes} min, in <#${meetup.channelId}>.\n${remind}${going ? ` ${going} going.` : ''}`, 2000),
    components: [rsvpRow(meetup)],
  };
}

function rsvpRow(meetup: Meetup) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId(buttonId('rsvp', meetup.id)).setLabel("I'm coming").setStyle(ButtonStyle.Primary).setEmoji('✋'));
}
