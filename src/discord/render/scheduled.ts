import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { Meetup } from '../../meetups/meetup-store.js';
import type { DailyPromptView, RecapView, ReminderView } from '../../scheduler/poster.js';
import { buttonId } from '../buttons.js';
import { clip, COLOUR, fitLines, LIMIT } from './common.js';

/** Discord renders these in each reader's own time zone. */
export const timestamp = (ms: number, style: 'F' | 'R' | 't' | 'D' = 'F') => `<t:${Math.floor(ms / 1000)}:${style}>`;

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
    .setFooter({ text: 'Studying at your own pace? /next shows your own next topic.' });
  return { embeds: [embed.toJSON()], threadName: clip(`${topic.title} — discussion`, 100) };
}

export function reminderMessage(view: ReminderView) {
  const { meetup, stage, attendees } = view;
  const when = stage === 'start' ? 'is starting now' : `starts ${timestamp(meetup.startMs, 'R')} (${timestamp(meetup.startMs)})`;
  const coming = attendees.length ? `\nComing: ${attendees.map((id) => `<@${id}>`).join(' ')}` : '\nNobody has said they are coming yet.';
  return {
    content: clip(`⏰ **${meetup.title}** ${when}.${coming}`, 2000),
    components: [rsvpRow(meetup)],
    // The one kind of post that pings: the members who asked to be reminded, nobody else.
    allowedMentions: { parse: [] as never[], users: attendees.slice(0, 100) },
  };
}

export function recapMessage(view: RecapView) {
  const lines = view.rows.map((row, n) => `**${n + 1}.** <@${row.userId}> — ${row.points} points`);
  const embed = new EmbedBuilder()
    .setColor(COLOUR.success)
    .setTitle(`📊 Week ${view.week} in review`)
    .setDescription(
      [`The group finished **${view.topicsDone}** topic${view.topicsDone === 1 ? '' : 's'} this week.`, '', lines.length ? `**Top ${lines.length}**\n${lines.join('\n')}` : 'Nobody scored this week. A fresh start on Monday: `/next`.'].join('\n'),
    );
  return { embeds: [embed.toJSON()] };
}

export function meetupAnnouncement(meetup: Meetup, going = 0) {
  return {
    content: clip(
      `📅 **${meetup.title}** — ${timestamp(meetup.startMs)} (${timestamp(meetup.startMs, 'R')}), ${meetup.minutes} min, in <#${meetup.channelId}>.\nPress **I'm coming** to get a reminder 24 h and 1 h before and at the start.${going ? ` ${going} going.` : ''}`,
      2000,
    ),
    components: [rsvpRow(meetup)],
  };
}

function rsvpRow(meetup: Meetup) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId(buttonId('rsvp', meetup.id)).setLabel("I'm coming").setStyle(ButtonStyle.Primary).setEmoji('✋'));
}
