import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { Curriculum } from '../../curriculum/curriculum.js';
import type { Topic } from '../../curriculum/types.js';
import { buttonId } from '../buttons.js';
import { clip, COLOUR, fitLines, LIMIT } from './common.js';

/** The topic card: everything a member needs to study one topic. */
export function topicEmbed(topic: Topic, curriculum: Curriculum): EmbedBuilder {
  const module = curriculum.module(topic.moduleId);
  const tracks = topic.tracks.length === curriculum.tracks.length ? 'all tracks' : topic.tracks.map((t) => curriculum.track(t)?.title ?? t).join(', ');
  const requires = topic.requires.map((id) => curriculum.get(id)?.title ?? id);
  return new EmbedBuilder()
    .setColor(COLOUR.brand)
    .setTitle(clip(topic.title, LIMIT.title))
    .setAuthor({ name: clip(module.title, 256) })
    .setDescription(clip(topic.summary, LIMIT.description))
    .addFields(
      { name: 'Objectives', value: fitLines(topic.objectives.map((o) => `• ${o}`), LIMIT.fieldValue) },
      { name: 'Resources', value: fitLines(topic.resources.map((r) => `• [${r.title.replace(/[[\]]/g, '')}](${r.url})`), LIMIT.fieldValue) },
      { name: 'Practice', value: clip(topic.practice, LIMIT.fieldValue) },
      { name: 'Time', value: `about ${formatMinutes(topic.minutes)}`, inline: true },
      { name: 'Points', value: String(topic.points), inline: true },
      ...(requires.length ? [{ name: 'Builds on', value: clip(requires.join(', '), LIMIT.fieldValue), inline: true }] : []),
    )
    .setFooter({ text: clip(`${topic.id} · ${tracks}`, LIMIT.footer) });
}

export function topicButtons(topic: Topic) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(buttonId('done', topic.id)).setLabel('Done').setStyle(ButtonStyle.Success),
    new ButtonBuilder().setCustomId(buttonId('skip', topic.id)).setLabel('Skip').setStyle(ButtonStyle.Secondary),
  );
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}
