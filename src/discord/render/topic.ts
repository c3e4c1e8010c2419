import { ButtonStyle, ComponentType, EmbedBuilder, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed } from 'discord.js';
import type { Curriculum } from '../../curriculum/curriculum.js';
import type { Topic } from '../../curriculum/types.js';
import { buttonId } from '../buttons.js';
import { clip, COLOUR, fitLines, LIMIT } from './common.js';

/**
 * The topic card: everything a member needs to study one topic, as Discord's JSON. Built as plain
 * data, not with EmbedBuilder: the builder's setters cost about 5 % of the bot's time under load
 * (bench/PROFILE.md), and every length here is already clipped to Discord's limits.
 */
export function topicCard(topic: Topic, curriculum: Curriculum): APIEmbed {
  const module = curriculum.module(topic.moduleId);
  const tracks = topic.tracks.length === curriculum.tracks.length ? 'all tracks' : topic.tracks.map((t) => curriculum.track(t)?.title ?? t).join(', ');
  const requires = topic.requires.map((id) => curriculum.get(id)?.title ?? id);
  return {
    color: COLOUR.brand,
    title: clip(topic.title, LIMIT.title),
    // The module above the title, unless it says the same (a module's first topic often shares its name).
    ...(module.title === topic.title ? {} : { author: { name: clip(module.title, 256) } }),
    description: clip(topic.summary, LIMIT.description),
    fields: [
      { name: 'Objectives', value: fitLines(topic.objectives.map((o) => `• ${o}`), LIMIT.fieldValue) },
      { name: 'Resources', value: fitLines(topic.resources.map((r) => `• [${r.title.replace(/[[\]]/g, '')}](${r.url})`), LIMIT.fieldValue) },
      { name: 'Practice', value: clip(topic.practice, LIMIT.fieldValue) },
      { name: 'Time', value: `about ${formatMinutes(topic.minutes)}`, inline: true },
      { name: 'Points', value: String(topic.points), inline: true },
      ...(requires.length ? [{ name: 'Builds on', value: clip(requires.join(', '), LIMIT.fieldValue), inline: true }] : []),
    ],
    footer: { text: clip(`${topic.id} · ${tracks}`, LIMIT.footer) },
  };
}

/** The card as a builder, for callers that add to it. */
export const topicEmbed = (topic: Topic, curriculum: Curriculum) => new EmbedBuilder(topicCard(topic, curriculum));

/** Done and Skip for a topic, as Discord's JSON (see topicCard for why not builders). */
export function topicButtons(topic: Topic): APIActionRowComponent<APIButtonComponentWithCustomId> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, custom_id: buttonId('done', topic.id), label: 'Done', style: ButtonStyle.Success },
      { type: ComponentType.Button, custom_id: buttonId('skip', topic.id), label: 'Skip', style: ButtonStyle.Secondary },
    ],
  };
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}
