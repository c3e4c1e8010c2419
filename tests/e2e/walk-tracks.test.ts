import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadCurriculum } from '../../src/curriculum/load.js';
import { World } from '../support/world.js';

const roadmap = loadCurriculum('curriculum');
let world: World;
beforeAll(async () => {
  world = await World.start('walk');
});
afterAll(async () => world?.stop());

it.each(['python', 'node'])('a %s member walks the whole track with /next and Done, never stuck', async (track) => {
  const member = world.member(track === 'python' ? '400000000000000301' : '400000000000000302');
  await member.run('track', { track }).reply();
  const finished: string[] = [];
  for (let step = 0; step <= roadmap.topics.length; step++) {
    const card = await member.run('next').reply();
    if (!card.embeds.length) {
      expect(card.content).toContain('finished every topic');
      break;
    }
    const id = card.embeds[0]!.footer!.text!.split(' · ')[0]!;
    const topic = roadmap.get(id)!;
    expect(topic.tracks, id).toContain(track);
    for (const req of topic.requires) expect(finished, `${id} needs ${req}`).toContain(req);
    const done = card.components[0]!.components.find((c) => c.label === 'Done')!;
    const [celebration] = await member.press(done.custom_id!).messages(1);
    expect(celebration!.content).toContain(topic.title);
    finished.push(id);
  }
  expect(finished.sort()).toEqual(roadmap.onTrack(track).map((t) => t.id).sort());
}, 120_000);
