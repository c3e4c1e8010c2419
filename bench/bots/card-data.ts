import { loadCurriculum } from '../../src/curriculum/load.js';

/**
 * The reply the card-shaped baseline sends (and the responder sends as bytes): the topic card /next
 * shows a new member (the first topic of the default track), with the card's fields. Built from the
 * curriculum's data only, not Syllabot's renderers, so a slower renderer cannot slow a baseline too.
 */
export function cardFields() {
  const curriculum = loadCurriculum(process.env.CURRICULUM_DIR ?? 'curriculum');
  const track = curriculum.defaultTrack;
  const topic = curriculum.onTrack(track)[0]!;
  const lines = (items: string[]) => items.join('\n').slice(0, 1024);
  return {
    topicId: topic.id,
    content: `Your next topic on the **${curriculum.track(track)?.title ?? track}** track:`,
    title: topic.title,
    author: curriculum.module(topic.moduleId).title,
    description: topic.summary,
    fields: [
      { name: 'Objectives', value: lines(topic.objectives.map((o) => `• ${o}`)) },
      { name: 'Resources', value: lines(topic.resources.map((r) => `• [${r.title}](${r.url})`)) },
      { name: 'Practice', value: topic.practice.slice(0, 1024) },
      { name: 'Time', value: `about ${topic.minutes} min`, inline: true },
      { name: 'Points', value: String(topic.points), inline: true },
      ...(topic.requires.length ? [{ name: 'Builds on', value: topic.requires.join(', '), inline: true }] : []),
    ],
    footer: `${topic.id} · ${topic.tracks.join(', ')}`,
  };
}

/** The same card as a raw interaction callback body (type 4, ephemeral), as discord.js would send it. */
export function cardCallbackBody(): string {
  const card = cardFields();
  return JSON.stringify({
    type: 4,
    data: {
      content: card.content,
      embeds: [{ color: 0x5865f2, title: card.title, author: { name: card.author }, description: card.description, fields: card.fields, footer: { text: card.footer } }],
      components: [
        {
          type: 1,
          components: [
            { type: 2, custom_id: `v1:done:${card.topicId}`, label: 'Done', style: 3 },
            { type: 2, custom_id: `v1:skip:${card.topicId}`, label: 'Skip', style: 2 },
          ],
        },
      ],
      flags: 64,
    },
  });
}
