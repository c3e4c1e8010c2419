import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, type DiscordStandin } from '../../standin/discord-standin.js';
import { api, expectFormError, GUILD, startStandin } from './rest.js';

let standin: DiscordStandin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => standin?.stop());

const put = (commands: object[]) => api(standin, 'PUT', `/applications/${APPLICATION_ID}/guilds/${GUILD}/commands`, commands);
const putGlobal = (commands: object[]) => api(standin, 'PUT', `/applications/${APPLICATION_ID}/commands`, commands);
const invalid = (...fields: string[]) => ({ status: 400, code: 50035, fields });
const command = (extra: object = {}) => ({ name: 'study', description: 'Study things', ...extra });
const string = (name: string, extra: object = {}) => ({ type: 3, name, description: `The ${name}`, ...extra });

describe('command names', () => {
  it.each(['study', 'étude', 'पढ़ाई', 'เรียน', "it's-a_go", 'x'.repeat(32)])('accepts %s', async (name) => {
    expect((await put([command({ name })])).status).toBe(200);
  });

  it.each([
    ['an upper-case letter', 'Study'],
    ['a space', 'study now'],
    ['a symbol', 'study!'],
    ['33 characters', 'x'.repeat(33)],
    ['nothing', ''],
  ])('refuses a name with %s', async (_what, name) => {
    expect(expectFormError(await put([command({ name })]))).toEqual(invalid('0.name[APPLICATION_COMMAND_INVALID_NAME]'));
  });

  it('refuses an option name with an upper-case letter, on the global route too', async () => {
    expect(expectFormError(await putGlobal([command({ options: [string('Topic')] })]))).toEqual(invalid('0.options[0].name[APPLICATION_COMMAND_INVALID_NAME]'));
  });

  it('refuses two commands of one name', async () => {
    expect(expectFormError(await put([command(), command()]))).toEqual(invalid('1.name[APPLICATION_COMMANDS_DUPLICATE_NAME]'));
  });
});

describe('descriptions', () => {
  it('refuses an empty description and one over 100 characters', async () => {
    expect(expectFormError(await put([command({ description: '' })]))).toEqual(invalid('0.description[BASE_TYPE_BAD_LENGTH]'));
    expect(expectFormError(await put([command({ description: 'd'.repeat(101) })]))).toEqual(invalid('0.description[BASE_TYPE_BAD_LENGTH]'));
    expect(expectFormError(await put([command({ options: [string('topic', { description: 'd'.repeat(101) })] })]))).toEqual(invalid('0.options[0].description[BASE_TYPE_BAD_LENGTH]'));
  });
});

describe('options', () => {
  it('refuses a required option after an optional one', async () => {
    const options = [string('first'), string('second', { required: true })];
    expect(expectFormError(await put([command({ options })]))).toEqual(invalid('0.options[1][APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID]'));
  });

  it('checks the order inside each subcommand', async () => {
    const options = [{ type: 1, name: 'create', description: 'Create', options: [string('when'), string('title', { required: true })] }];
    expect(expectFormError(await put([command({ options })]))).toEqual(invalid('0.options[0].options[1][APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID]'));
  });

  it('accepts 25 options and refuses 26', async () => {
    const options = (n: number) => Array.from({ length: n }, (_, k) => string(`o${k}`));
    expect((await put([command({ options: options(25) })])).status).toBe(200);
    expect(expectFormError(await put([command({ options: options(26) })]))).toEqual(invalid('0.options[BASE_TYPE_MAX_LENGTH]'));
  });

  it('accepts 25 choices and refuses 26', async () => {
    const choices = (n: number) => Array.from({ length: n }, (_, k) => ({ name: `c${k}`, value: `c${k}` }));
    expect((await put([command({ options: [string('pick', { choices: choices(25) })] })])).status).toBe(200);
    expect(expectFormError(await put([command({ options: [string('pick', { choices: choices(26) })] })]))).toEqual(invalid('0.options[0].choices[BASE_TYPE_MAX_LENGTH]'));
  });

  it('refuses a choice name over 100 characters and a string value over 100', async () => {
    const answer = await put([command({ options: [string('pick', { choices: [{ name: 'n'.repeat(101), value: 'v'.repeat(101) }] })] })]);
    expect(expectFormError(answer)).toEqual(invalid('0.options[0].choices[0].name[BASE_TYPE_BAD_LENGTH]', '0.options[0].choices[0].value[BASE_TYPE_MAX_LENGTH]'));
  });
});

describe('the size of a command', () => {
  // Each option: a 32-character name and a 100-character description; each choice: 100 + 100.
  const option = (k: number, choices: Array<{ name: string; value: string }> = []) => string(`${'o'.repeat(29)}${String(k).padStart(3, '0')}`, { description: 'd'.repeat(100), choices });
  const choice = (c: number) => ({ name: `${'n'.repeat(97)}${String(c).padStart(3, '0')}`, value: `${'v'.repeat(97)}${String(c).padStart(3, '0')}` });
  // 'study' 5 + 'Study things' 12 + 20 options × 132 + 6 choices × 200 = 3,857; the last choice brings 143 + extra.
  const sized = (extra: number) => command({ options: Array.from({ length: 20 }, (_, k) => option(k, k === 0 ? [...[0, 1, 2, 3, 4, 5].map(choice), { name: 'l'.repeat(71), value: 'w'.repeat(72 + extra) }] : [])) });

  it('accepts 4,000 characters of names, descriptions and choices, and refuses 4,001', async () => {
    expect((await put([sized(0)])).status).toBe(200);
    expect(expectFormError(await put([sized(1)]))).toEqual(invalid('0[APPLICATION_COMMAND_TOO_LARGE]'));
  });
});
