import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, snowflake } from '../../standin/discord-standin.js';
import { CHANNEL, GUILD, World } from '../support/world.js';

let world: World;
beforeAll(async () => {
  world = await World.start('malformed');
});
afterAll(async () => world?.stop());

const member = { user: { id: '400000000000000990', username: 'x', discriminator: '0', global_name: null, avatar: null }, roles: [], permissions: '0', joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 };
const interaction = (fields: Record<string, unknown>) => {
  const id = snowflake();
  return { id, application_id: APPLICATION_ID, type: 2, token: `token-${id}`, version: 1, guild_id: GUILD, channel_id: CHANNEL, locale: 'en-US', entitlements: [], ...fields };
};

/** The bot still answers a member after the event, so the process is up and serving. */
async function stillServing() {
  const reply = await world.member('400000000000000991').run('next').reply();
  expect(reply.embeds[0]?.title).toBeTruthy();
}

describe('one malformed gateway event costs one event', () => {
  it('an interaction without data is dropped and the bot keeps serving', async () => {
    world.standin.dispatchInteraction(interaction({ member }));
    await stillServing();
  });

  it('an interaction without member and user is dropped and the bot keeps serving', async () => {
    world.standin.dispatchInteraction(interaction({ data: { id: '800000000000000000', name: 'next', type: 1 } }));
    await stillServing();
  });

  it('an event discord.js cannot build is dropped and the bot keeps serving', async () => {
    world.standin.dispatch('GUILD_CREATE', { id: 'not-a-guild', channels: 'not-a-list' });
    world.standin.dispatchInteraction(interaction({ type: 3, member, data: { custom_id: 'v1:next:me', component_type: 2 }, message: 'not-a-message' }));
    await stillServing();
  });
});
