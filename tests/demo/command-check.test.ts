import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { checkCommand, type CommandDefinition } from '../../demo/command-check.js';
import { loadCurriculum } from '../../src/curriculum/load.js';
import { registration } from '../../src/discord/command.js';
import { CHANNEL } from '../../standin/fixtures.js';
import { SMALL_CURRICULUM } from '../support/services.js';

// What Discord holds after `npm run deploy`: each command's `data`, with the curriculum's tracks as choices.
const curriculum = loadCurriculum(SMALL_CURRICULUM);
const definitions = commands.map((c) => registration(c, curriculum) as CommandDefinition);
const check = (name: string, options: Parameters<typeof checkCommand>[2] = {}) => checkCommand(definitions, name, options);
const refusal = (name: string, options: Parameters<typeof checkCommand>[2] = {}) => {
  const result = check(name, options);
  return result.ok ? undefined : result.message;
};

describe('the playground checks a command as Discord’s client does before sending it', () => {
  it('sends a command whose options fit, with choices typed by name turned into their values', () => {
    expect(check('next')).toEqual({ ok: true, options: {} });
    expect(check('leaderboard', { period: 'all' })).toEqual({ ok: true, options: { period: 'all' } });
    expect(check('leaderboard', { period: 'All time' })).toEqual({ ok: true, options: { period: 'all' } });
    expect(check('meetup', { subcommand: 'create', title: 'SQL night', when: 'tomorrow 18:00', duration: '90' })).toEqual({
      ok: true,
      options: { subcommand: 'create', title: 'SQL night', when: 'tomorrow 18:00', duration: '90' },
    });
    expect(check('progress', { member: { user: '400000000000000002' } })).toMatchObject({ ok: true });
    expect(check('studygroup', { subcommand: 'setup', channel: CHANNEL, time: '09:00', timezone: 'UTC' })).toMatchObject({ ok: true });
  });

  it('refuses an unknown command', () => {
    expect(refusal('frobnicate')).toBe('Unknown command /frobnicate. Type /? for the commands.');
  });

  it('refuses a value outside the choices, naming them', () => {
    expect(refusal('leaderboard', { period: 'year' })).toBe('/leaderboard: period must be one of week, month, all.');
  });

  it('takes the track choices from the served curriculum, as registration does', () => {
    expect(refusal('track', { track: 'rust' })).toBe('/track: track must be one of python, node.');
    expect(check('track', { track: 'node' })).toMatchObject({ ok: true });
  });

  it('refuses a missing required option', () => {
    expect(refusal('topic')).toBe('/topic: topic is required.');
    expect(refusal('topic', { topic: '' })).toBe('/topic: topic is required.');
    expect(refusal('meetup', { subcommand: 'create', title: 'x' })).toBe('/meetup create: when is required.');
  });

  it('refuses strings longer than max_length', () => {
    expect(refusal('studygroup', { subcommand: 'setup', channel: CHANNEL, time: '9:00 am', timezone: 'UTC' })).toBe('/studygroup setup: time must be at most 5 characters long (this one has 7).');
  });

  it('refuses integers that are not whole or outside their range', () => {
    const create = { subcommand: 'create', title: 'x', when: 'tomorrow' };
    expect(refusal('meetup', { ...create, duration: '5' })).toBe('/meetup create: duration must be a whole number from 15 to 720.');
    expect(refusal('meetup', { ...create, duration: '1.5' })).toBe('/meetup create: duration must be a whole number from 15 to 720.');
    expect(refusal('meetup', { ...create, duration: 'long' })).toBe('/meetup create: duration must be a whole number from 15 to 720.');
  });

  it('refuses members and channels the server does not have, and text where a member goes', () => {
    expect(refusal('progress', { member: '@nobody' })).toBe('/progress: member must be a member of the server, like @bob.');
    expect(refusal('studygroup', { subcommand: 'setup', channel: '#general', time: '09:00', timezone: 'UTC' })).toBe('/studygroup setup: channel must be a channel of the server, like #study-hall.');
    expect(refusal('done', { topic: { user: '400000000000000002' } })).toBe('/done: topic is text, not a member.');
  });

  it('refuses options and subcommands the command does not have', () => {
    expect(refusal('next', { foo: 'bar' })).toBe('/next has no option foo; it takes no options.');
    expect(refusal('skip', { topics: 'alpha' })).toBe('/skip has no option topics; its options are topic.');
    expect(refusal('done', { topics: 'alpha' })).toBe('/done has no option topics; its options are topic, link.');
    expect(refusal('meetup')).toBe('/meetup: choose one of create, list, cancel, like /meetup create.');
    expect(refusal('meetup', { subcommand: 'setup' })).toBe('/meetup has no subcommand setup; choose one of create, list, cancel.');
    expect(refusal('next', { subcommand: 'create' })).toBe('/next has no subcommands; it takes no options.');
  });
});
