import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { APPLICATION_ID } from '../../standin/discord-standin.js';
import { GUILD, World } from '../support/world.js';

const run = promisify(execFile);
let world: World;
beforeAll(async () => {
  world = await World.start('deploy', { startBot: false });
});
afterAll(async () => world?.stop());

const deploy = (env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/deploy-commands.ts'], { env: { ...process.env, ...world.env(), DISCORD_APPLICATION_ID: '', DISCORD_GUILD_ID: '', ...env } });

describe('npm run deploy', () => {
  it('registers every command to DISCORD_GUILD_ID and prints them', async () => {
    const { stdout } = await deploy({ DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_GUILD_ID: GUILD });
    const put = world.standin.calls.find((c) => c.method === 'PUT' && c.path === `/applications/${APPLICATION_ID}/guilds/${GUILD}/commands`);
    expect(put?.body.map((c: { name: string }) => c.name)).toEqual(commands.map((c) => c.data.name));
    expect(put?.body.every((c: { contexts: number[] }) => c.contexts.join() === '0')).toBe(true);
    expect(stdout).toContain(`Registered ${commands.length} commands for application ${APPLICATION_ID} in server ${GUILD}`);
    expect(stdout).toContain('/leaderboard');
  });

  it('offers the curriculum’s tracks as the choices of every track option', async () => {
    await deploy({ DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_GUILD_ID: GUILD, CURRICULUM_DIR: 'tests/fixtures/curriculum-small' });
    const put = world.standin.calls.findLast((c) => c.method === 'PUT' && c.path === `/applications/${APPLICATION_ID}/guilds/${GUILD}/commands`);
    type Option = { name: string; choices?: unknown; options?: Option[] };
    const track = put?.body.find((c: { name: string }) => c.name === 'track') as { options: Option[] };
    const setup = (put?.body.find((c: { name: string }) => c.name === 'studygroup') as { options: Option[] }).options.find((o) => o.name === 'setup')!;
    const choices = [{ name: 'Python', value: 'python' }, { name: 'Node.js', value: 'node' }];
    expect(track.options[0]!.choices).toEqual(choices);
    expect(setup.options!.find((o) => o.name === 'track')!.choices).toEqual(choices);
  });

  it('registers globally, reading the application id with the token, when neither id is set', async () => {
    const { stdout } = await deploy({});
    expect(world.standin.calls.some((c) => c.method === 'GET' && c.path === '/applications/@me')).toBe(true);
    expect(world.standin.calls.some((c) => c.method === 'PUT' && c.path === `/applications/${APPLICATION_ID}/commands`)).toBe(true);
    expect(stdout).toContain('global');
  });

  it('stops with a readable message when the token is missing', async () => {
    const failure = await deploy({ DISCORD_TOKEN: '' }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('DISCORD_TOKEN is required');
  });
});
