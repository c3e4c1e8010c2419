import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngSize } from '../../src/card/png.js';
import { cardSize } from '../../src/card/progress-card.js';
import { PERMISSION } from '../../standin/discord-standin.js';
import { Member } from '../../standin/member.js';
import { roadmap } from '../support/roadmap.js';
import { plainRedis } from '../support/redis.js';
import { tracesOf } from '../support/traces.js';
import { CHANNEL, GUILD, World } from '../support/world.js';

/** A channel of the same server where the bot may not attach files. */
const NO_FILES = '700000000000000009';

let world: World;
let nextUser = 410000000000000100n;
const newMember = () => world.member(String(nextUser++));

beforeAll(async () => {
  world = await World.start('together', { guilds: [{ id: GUILD, channelIds: [CHANNEL, NO_FILES], deniedToBot: { [NO_FILES]: PERMISSION.attachFiles } }] });
});
afterAll(async () => world?.stop());

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A pair's line, whichever of the two is named first (the more recently active one). */
const pairOf = (a: Member, b: Member, title: string) =>
  expect.stringMatching(new RegExp(`^(<@${a.userId}> and <@${b.userId}>|<@${b.userId}> and <@${a.userId}>): both on ${escape(title)}$`));

/** Moves a member to the topic after `skips` bare skips: the first `skips` topics of their track closed. */
async function placeAt(member: Member, skips: number): Promise<string> {
  for (let n = 0; n < skips; n++) await member.run('skip').reply();
  return (await member.run('next').reply()).embeds[0]!.title!;
}

describe('/cohort', () => {
  it('shows eight members on four topics by module and topic, and pairs them, the caller’s pair first', async () => {
    const members = Array.from({ length: 8 }, newMember);
    const titles: string[] = [];
    for (const [n, skips] of [1, 1, 2, 2, 5, 5, 8, 8].entries()) titles.push(await placeAt(members[n]!, skips));
    expect(new Set(titles).size).toBe(4);
    const caller = members[2]!;
    const reply = await caller.run('cohort').reply();
    expect(reply.ephemeral).toBe(true);
    const view = reply.embeds[0]!;
    for (const [n, member] of members.entries()) expect(view.description).toContain(`<@${member.userId}> · ${titles[n]}`);
    const pairs = view.fields!.find((f) => f.name.includes('Study pairs'))!.value.split('\n');
    expect(pairs).toEqual([
      `**You and <@${members[3]!.userId}>**: both on ${titles[2]}`,
      pairOf(members[0]!, members[1]!, titles[0]!),
      pairOf(members[4]!, members[5]!, titles[4]!),
      pairOf(members[6]!, members[7]!, titles[6]!),
    ]);
    // Names render as mentions, and the reply lets nobody be pinged.
    expect(reply.allowedMentions).toEqual({ parse: [], replied_user: false });
  });
});

describe('/done link:', () => {
  it('shows the link in the public celebration, and /progress lists it with its topic', async () => {
    const member = newMember();
    const [celebration] = await member.run('done', { link: 'https://github.com/ada/internet-notes' }).messages(1);
    expect(celebration!.ephemeral).toBe(false);
    expect(celebration!.content).toContain('🔗 Their work: <https://github.com/ada/internet-notes>');
    const progress = await member.run('progress').reply();
    expect(progress.embeds[0]!.description).toContain('**Latest work**\n• How the internet works: <https://github.com/ada/internet-notes>');
  });

  it.each([
    ['http://github.com/ada/notes', /Only https links/],
    ['javascript:alert(document.cookie)', /Only https web addresses/],
    ['https://x.com/@everyone <@123456789012345678> <@&42>', /can't contain mentions/],
  ])('refuses %s privately and stores nothing', async (link, reason) => {
    const member = newMember();
    const reply = await member.run('done', { link }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(reason);
    expect(reply.content).toContain('Nothing was saved.');
    expect((await member.run('progress').reply()).content).toMatch(/have not started yet/);
  });
});

describe('/progress', () => {
  it('carries a PNG card of the expected size, shown as the embed’s image', async () => {
    const member = newMember();
    await member.run('done').messages(1);
    const reply = await member.run('progress').reply();
    expect(reply.attachments).toHaveLength(1);
    const [card] = reply.attachments;
    expect(card!.filename).toBe('progress.png');
    const modules = roadmap.modules.filter((m) => m.topics.some((t) => t.tracks.includes('python'))).length;
    expect(pngSize(card!.data)).toEqual(cardSize(modules));
    expect(reply.embeds[0]!.image?.url).toBe('attachment://progress.png');
  });

  it('Share posts the member’s own card to the channel, naming them without a ping', async () => {
    const member = newMember();
    await member.run('done').messages(1);
    const own = await member.run('progress').reply();
    const share = own.components[0]!.components.find((c) => c.label === 'Share')!;
    const [posted] = await member.press(share.custom_id!).messages(1);
    expect(posted!.ephemeral).toBe(false);
    expect(posted!.content).toBe(`📈 <@${member.userId}> shared their progress on the Python track.`);
    expect(posted!.allowedMentions).toEqual({ parse: [], replied_user: false });
    expect(pngSize(posted!.attachments[0]!.data)?.width).toBe(cardSize(1).width);
    // Someone else's progress has no Share button: a member shares only their own card.
    const other = await newMember().run('progress', { member: { user: member.userId } }).reply();
    expect(other.components).toEqual([]);
  });

  it('answers as text only, with no file, where the bot may not attach files', async () => {
    const member = new Member(world.standin, GUILD, String(nextUser++), NO_FILES);
    await member.run('done').messages(1);
    const reply = await member.run('progress').reply();
    expect(reply.attachments).toEqual([]);
    expect(reply.embeds[0]!.image).toBeUndefined();
    expect(reply.embeds[0]!.fields?.find((f) => f.name === 'Topics')?.value).toMatch(/^1 done/);
  });
});

describe('/privacy', () => {
  it('hides a member from /leaderboard and /cohort, and shows them again', async () => {
    const shy = newMember();
    const other = newMember();
    await shy.run('done').messages(1);
    await other.run('done').messages(1);
    const listed = async () => {
      const board = (await other.run('leaderboard', { period: 'all' }).reply()).embeds[0]!.description!;
      const cohort = (await other.run('cohort').reply()).embeds[0]!.description!;
      return { board: board.includes(`<@${shy.userId}>`), cohort: cohort.includes(`<@${shy.userId}>`) };
    };
    expect(await listed()).toEqual({ board: true, cohort: true });
    expect((await shy.run('privacy', { visibility: 'hidden' }).reply()).content).toMatch(/you are now hidden/);
    expect(await listed()).toEqual({ board: false, cohort: false });
    expect((await shy.run('leaderboard').reply()).embeds[0]!.description).toContain('You hide from the boards');
    expect((await other.run('progress', { member: { user: shy.userId } }).reply()).content).toMatch(/keeps their progress private/);
    // Their own /progress still works, and a hidden member's done is celebrated only to them.
    expect((await shy.run('progress').reply()).embeds[0]!.fields?.find((f) => f.name === 'This week')?.value).toMatch(/hidden from boards/);
    const [celebration] = await shy.run('done').messages(1);
    expect(celebration!.ephemeral).toBe(true);
    await shy.run('privacy', { visibility: 'visible' }).reply();
    expect(await listed()).toEqual({ board: true, cohort: true });
  });
});

describe('/studygroup boards', () => {
  it('turns the server’s leaderboards off and on again', async () => {
    const admin = world.admin(String(nextUser++));
    expect((await admin.run('studygroup', { subcommand: 'boards', setting: 'off' }).reply()).content).toMatch(/Leaderboards are off/);
    const refused = await newMember().run('leaderboard').reply();
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/turned its leaderboards off/);
    await admin.run('studygroup', { subcommand: 'boards', setting: 'on' }).reply();
    expect((await newMember().run('leaderboard').reply()).embeds[0]!.title).toMatch(/Leaderboard/);
  });

  it('is refused to a member without Manage Server', async () => {
    const reply = await newMember().run('studygroup', { subcommand: 'boards', setting: 'off' }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/Manage Server/);
  });
});

describe('/forget-me', () => {
  it('asks first, and erases nothing when the member keeps their data', async () => {
    const member = newMember();
    await member.run('done').messages(1);
    const ask = await member.run('forget-me').reply();
    expect(ask.ephemeral).toBe(true);
    expect(ask.components[0]!.components.map((c) => c.label)).toEqual(['Erase everything', 'Keep my data']);
    expect((await member.press(ask.components[0]!.components[1]!.custom_id!).reply()).content).toMatch(/Nothing was erased/);
    expect((await member.run('progress').reply()).embeds).toHaveLength(1);
  });

  it('after the confirm button leaves no key of that member, and says what it erased', async () => {
    const member = newMember();
    await member.run('done', { link: 'https://github.com/ada/notes' }).messages(1);
    await member.run('skip').reply();
    await member.run('privacy', { visibility: 'hidden' }).reply();
    const redis = plainRedis();
    try {
      expect(await tracesOf(redis, world.prefix, member.userId)).not.toEqual([]);
      const ask = await member.run('forget-me').reply();
      const done = await member.press(ask.components[0]!.components[0]!.custom_id!).reply();
      expect(done.content).toMatch(/Erased everything/);
      expect(done.content).toContain('2 topics done or skipped');
      expect(done.content).toContain('1 work link');
      expect(done.content).toContain('your privacy setting');
      expect(await tracesOf(redis, world.prefix, member.userId)).toEqual([]);
    } finally {
      redis.disconnect();
    }
    expect((await member.run('progress').reply()).content).toMatch(/have not started yet/);
  });
});
