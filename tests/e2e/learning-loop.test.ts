import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgements } from '../../standin/member.js';
import { pointsOf, roadmap } from '../support/roadmap.js';
import { World } from '../support/world.js';

let world: World;
let nextUser = 400000000000000100n;
const newMember = () => world.member(String(nextUser++));

beforeAll(async () => {
  world = await World.start('loop');
});
afterAll(async () => {
  await world?.stop();
  if (acknowledgements.length) console.log(`slowest acknowledgement in learning-loop e2e: ${Math.max(...acknowledgements)} ms over ${acknowledgements.length} interactions`);
});

describe('/help', () => {
  it('lists every command in one ephemeral screen', async () => {
    const reply = await newMember().run('help').reply();
    expect(reply.ephemeral).toBe(true);
    for (const name of ['next', 'done', 'skip', 'undo', 'review', 'topic', 'progress', 'leaderboard', 'track', 'help']) {
      expect(reply.embeds[0]?.description).toContain(`/${name}`);
    }
  });

  it('counts topics per track, as /progress does, never the whole curriculum as if it were a track', async () => {
    const member = newMember();
    const help = (await member.run('help').reply()).embeds[0]!.description!;
    const python = roadmap.onTrack('python').length;
    expect(help).toContain(`${python} topics on the Python track, ${roadmap.onTrack('node').length} on the Node.js track`);
    expect(help).not.toContain(`${roadmap.topics.length} topics`);
    await member.run('done', { topic: 'how-the-internet-works' }).messages(1);
    const progress = await member.run('progress').reply();
    expect(progress.embeds[0]!.fields?.find((f) => f.name === 'Topics')?.value).toContain(`of ${python}`);
  });
});

describe('/next', () => {
  it('shows the first topic as an ephemeral card with Done and Skip buttons', async () => {
    const reply = await newMember().run('next').reply();
    expect(reply.ephemeral).toBe(true);
    const card = reply.embeds[0]!;
    expect(card.title).toBe('How the internet works');
    // The module shares the topic's name, so the card says it once (no author line repeating it).
    expect(card.author).toBeUndefined();
    expect(card.fields?.map((f) => f.name)).toEqual(expect.arrayContaining(['Objectives', 'Resources', 'Practice', 'Time']));
    expect(card.fields?.find((f) => f.name === 'Resources')?.value).toMatch(/\]\(https:\/\//);
    expect(reply.components[0]?.components.map((c) => c.label)).toEqual(['Done', 'Skip']);
  });

  it('gives the same topic when asked twice', async () => {
    const member = newMember();
    const first = await member.run('next').reply();
    const second = await member.run('next').reply();
    expect(second.embeds[0]?.title).toBe(first.embeds[0]?.title);
  });

  it('moves on after /done', async () => {
    const member = newMember();
    await member.run('next').reply();
    await member.run('done').messages(1);
    const after = await member.run('next').reply();
    expect(after.embeds[0]?.title).toBe('HTTP basics');
  });
});

describe('/done', () => {
  it('names the topic and what is next in a public celebration that pings nobody', async () => {
    const member = newMember();
    const [celebration] = await member.run('done', { topic: 'how-the-internet-works' }).messages(1);
    expect(celebration!.ephemeral).toBe(false);
    expect(celebration!.content).toBe(`🎉 <@${member.userId}> finished **How the internet works** (+${pointsOf('how-the-internet-works')} points). Next up: **HTTP basics**.`);
    expect(celebration!.allowedMentions).toEqual({ parse: [], replied_user: false });
    expect(celebration!.components[0]!.components.map((c) => c.label)).toEqual(['My next topic', 'Check yourself']);
  });

  it('the celebration’s button shows whoever presses it their own next card', async () => {
    const learner = newMember();
    const [celebration] = await learner.run('done', { topic: 'how-the-internet-works' }).messages(1);
    const button = celebration!.components[0]!.components[0]!.custom_id!;
    const own = await learner.press(button).reply();
    expect(own.ephemeral).toBe(true);
    expect(own.embeds[0]?.title).toBe('HTTP basics');
    const someoneElse = await newMember().press(button).reply();
    expect(someoneElse.embeds[0]?.title).toBe('How the internet works');
  });

  it('says the topic was already done when repeated, and changes nothing', async () => {
    const member = newMember();
    await member.run('done', { topic: 'how-the-internet-works' }).messages(1);
    const again = await member.run('done', { topic: 'how-the-internet-works' }).reply();
    expect(again.ephemeral).toBe(true);
    expect(again.content).toContain('already finished **How the internet works**');
    const board = await member.run('leaderboard', { period: 'all' }).reply();
    expect(board.embeds[0]?.description).toContain(`<@${member.userId}> — ${pointsOf('how-the-internet-works')} points`);
  });

  it('counts once when the same /done is sent twice at the same moment', async () => {
    const member = newMember();
    const a = member.run('done', { topic: 'how-the-internet-works' });
    const b = member.run('done', { topic: 'how-the-internet-works' });
    const replies = [...(await a.messages(1)), ...(await b.messages(1))];
    expect(replies.filter((r) => r.content.includes('already finished'))).toHaveLength(1);
    const progress = await member.run('progress').reply();
    expect(progress.embeds[0]?.fields?.find((f) => f.name === 'Points')?.value).toBe(String(pointsOf('how-the-internet-works')));
  });

  it('counts once when Discord delivers the same interaction twice', async () => {
    const member = newMember();
    // A bare /done marks "my current topic": applied twice it would finish two topics.
    member.run('done', {}, '777000000000000001');
    const exchange = member.run('done', {}, '777000000000000001');
    // Both deliveries share one interaction: Discord takes one answer and refuses any other (40060).
    await exchange.messages(1);
    await expect.poll(() => exchange.attempts().filter((c) => c.path.endsWith('/callback')).length).toBeGreaterThanOrEqual(2);
    expect(exchange.sent()).toHaveLength(1);
    for (const refused of exchange.refused()) expect(refused.error?.code).toBe(40060);
    const progress = await member.run('progress').reply();
    expect(progress.embeds[0]?.fields?.find((f) => f.name === 'Points')?.value).toBe(String(pointsOf(roadmap.onTrack('python')[0]!.id)));
  });

  it('rejects an unknown topic with an ephemeral answer and stores nothing', async () => {
    const member = newMember();
    const reply = await member.run('done', { topic: 'no-such-topic' }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain("I don't know a topic called `no-such-topic`");
    expect((await member.run('progress').reply()).content).toContain('You have not started yet');
  });

  it('answers a string at the option’s maximum length without failing', async () => {
    const reply = await newMember().run('done', { topic: 'x'.repeat(100) }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain("I don't know a topic called");
  });

  it('refuses a topic of the other track and points to /track', async () => {
    const member = newMember();
    const reply = await member.run('done', { topic: 'express-intro' }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('Node.js track');
    expect(reply.content).toContain('/track');
  });

  it('suggests topics by any part of their title or id', async () => {
    const choices = await newMember().autocomplete('done', 'topic', 'JOIN').choices();
    expect(choices.map((c) => c.value)).toContain('sql-joins');
    const many = await newMember().autocomplete('done', 'topic', 'e').choices();
    expect(many).toHaveLength(25);
  });
});

describe('buttons on the topic card', () => {
  it('Done finishes the topic shown', async () => {
    const member = newMember();
    const card = await member.run('next').reply();
    const done = card.components[0]!.components.find((c) => c.label === 'Done')!;
    const [celebration] = await member.press(done.custom_id!).messages(1);
    expect(celebration!.content).toContain('finished **How the internet works**');
    expect((await member.run('next').reply()).embeds[0]?.title).toBe('HTTP basics');
  });

  it('Skip skips the topic shown without points', async () => {
    const member = newMember();
    const card = await member.run('next').reply();
    const skip = card.components[0]!.components.find((c) => c.label === 'Skip')!;
    const reply = await member.press(skip.custom_id!).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('Skipped **How the internet works**');
    expect((await member.run('next').reply()).embeds[0]?.title).toBe('HTTP basics');
  });

  it('a button with a malformed id gets a friendly answer', async () => {
    const reply = await newMember().press('v0:explode:<script>').reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('older version');
  });
});

describe('/skip and /undo', () => {
  it('undo after skip reopens the topic', async () => {
    const member = newMember();
    await member.run('skip').reply();
    expect((await member.run('next').reply()).embeds[0]?.title).toBe('HTTP basics');
    const undo = await member.run('undo').reply();
    expect(undo.content).toContain('**How the internet works** is no longer skipped');
    expect((await member.run('next').reply()).embeds[0]?.title).toBe('How the internet works');
  });

  it('undo after done takes the points back', async () => {
    const member = newMember();
    await member.run('done').messages(1);
    await member.run('undo').reply();
    const board = await member.run('leaderboard', { period: 'all' }).reply();
    expect(board.embeds[0]?.description).not.toContain(`<@${member.userId}>`);
    expect((await member.run('progress').reply()).content).toContain('You have not started yet');
  });

  it('undo with nothing to undo says so', async () => {
    const reply = await newMember().run('undo').reply();
    expect(reply.content).toContain('nothing to undo');
  });
});

describe('/progress', () => {
  it('shows another member’s modules, topics, streak, points and rank', async () => {
    const learner = newMember();
    await learner.run('done', { topic: 'how-the-internet-works' }).messages(1);
    await learner.run('done', { topic: 'http-basics' }).messages(1);
    const reply = await newMember().run('progress', { member: { user: learner.userId } }).reply();
    const embed = reply.embeds[0]!;
    expect(embed.description).toContain(`<@${learner.userId}>`);
    expect(embed.description).toMatch(/2\/5 How the internet works/);
    const field = (name: string) => embed.fields?.find((f) => f.name === name)?.value;
    expect(field('Topics')).toBe(`2 done, 0 skipped, of ${roadmap.onTrack('python').length}`);
    const points = pointsOf('how-the-internet-works', 'http-basics');
    expect(field('Points')).toBe(String(points));
    expect(field('Streak')).toBe('1 day (best 1) · 🧊 0 freezes held');
    expect(field('Reviews')).toBe('none due');
    expect(field('This week')).toMatch(new RegExp(`^#\\d+ \\(${points} points\\)$`));
  });

  it('says plainly when a member has no progress', async () => {
    const reply = await newMember().run('progress', { member: { user: '400000000000099999' } }).reply();
    expect(reply.content).toBe('<@400000000000099999> has not marked any topic yet.');
  });
});

describe('/track', () => {
  it('switching to Node.js changes the topics /next offers', async () => {
    const member = newMember();
    for (const topic of ['how-the-internet-works', 'http-basics', 'dns', 'domains-and-hosting', 'browsers', 'terminal-basics', 'filesystem-and-permissions', 'processes-and-signals', 'environment-variables', 'shell-scripting', 'network-tools', 'html-basics', 'css-basics', 'javascript-basics', 'dom-and-fetch', 'npm-basics']) {
      await member.run('skip', { topic }).reply();
    }
    expect((await member.run('next').reply()).embeds[0]?.title).toMatch(/python/i);
    expect((await member.run('track', { track: 'node' }).reply()).content).toContain('**Node.js**');
    expect((await member.run('next').reply()).embeds[0]?.footer?.text).toMatch(/^node-runtime/);
  });
});

describe('/topic', () => {
  it('shows any topic’s card', async () => {
    const reply = await newMember().run('topic', { topic: 'sql-joins' }).reply();
    expect(reply.embeds[0]?.footer?.text).toMatch(/^sql-joins/);
    expect(reply.embeds[0]?.author?.name).toBe(roadmap.module(roadmap.get('sql-joins')!.moduleId).title); // its module, above the title
  });
});
