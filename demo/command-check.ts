import { ApplicationCommandOptionType as T } from 'discord.js';
import { CHANNEL } from '../standin/fixtures.js';
import type { OptionValue } from '../standin/member.js';

/** An option as registered with Discord (the payload `npm run deploy` sends; see `registration()`). */
export interface OptionDefinition {
  name: string;
  type: number;
  required?: boolean;
  autocomplete?: boolean;
  choices?: readonly { name: string; value: string | number }[];
  min_length?: number;
  max_length?: number;
  min_value?: number;
  max_value?: number;
  options?: readonly OptionDefinition[];
}

export interface CommandDefinition {
  name: string;
  options?: readonly OptionDefinition[];
}

export type Checked = { ok: true; options: Record<string, OptionValue> } | { ok: false; message: string };

/** Channels the demo's server has, by id. */
const CHANNELS = new Set([CHANNEL]);

/**
 * What Discord's client does before it sends a slash command: the command must be registered,
 * a subcommand chosen when it has them, required options filled, choices picked from the list,
 * strings within min_length / max_length, integers whole and within min_value / max_value, users
 * and channels picked from the server. When the client would refuse to send, `message` is what it
 * shows instead; otherwise `options` are the values it would send (a choice typed by its name
 * becomes its value).
 */
export function checkCommand(definitions: readonly CommandDefinition[], name: string, given: Record<string, OptionValue>): Checked {
  const command = definitions.find((d) => d.name === name);
  if (!command) return { ok: false, message: `Unknown command /${name}. Type /? for the commands.` };
  const { subcommand, ...values } = given;
  const subcommands = (command.options ?? []).filter((o) => o.type === T.Subcommand || o.type === T.SubcommandGroup);
  let label = `/${name}`;
  let options = command.options ?? [];
  if (subcommands.length > 0) {
    const names = subcommands.map((s) => s.name).join(', ');
    if (typeof subcommand !== 'string') return { ok: false, message: `/${name}: choose one of ${names}, like /${name} ${subcommands[0]!.name}.` };
    const chosen = subcommands.find((s) => s.name === subcommand);
    if (!chosen) return { ok: false, message: `/${name} has no subcommand ${subcommand}; choose one of ${names}.` };
    label = `/${name} ${chosen.name}`;
    options = chosen.options ?? [];
  } else if (subcommand !== undefined) {
    return { ok: false, message: `/${name} has no subcommands; ${describeOptions(options)}.` };
  }

  const out: Record<string, OptionValue> = {};
  if (typeof subcommand === 'string') out.subcommand = subcommand;
  for (const optionName of Object.keys(values)) {
    if (!options.some((o) => o.name === optionName)) return { ok: false, message: `${label} has no option ${optionName}; ${describeOptions(options)}.` };
  }
  for (const option of options) {
    const value = values[option.name];
    if (value === undefined || value === '') {
      if (option.required) return { ok: false, message: `${label}: ${option.name} is required${example(option)}.` };
      continue;
    }
    const checked = checkValue(option, value);
    if (typeof checked === 'object' && 'problem' in checked) return { ok: false, message: `${label}: ${option.name} ${checked.problem}` };
    out[option.name] = checked;
  }
  return { ok: true, options: out };
}

function checkValue(option: OptionDefinition, value: OptionValue): OptionValue | { problem: string } {
  switch (option.type) {
    case T.String: {
      if (typeof value !== 'string') return { problem: 'is text, not a member.' };
      if (option.choices?.length) {
        const choice = option.choices.find((c) => String(c.value) === value) ?? option.choices.find((c) => c.name.toLowerCase() === value.toLowerCase());
        return choice ? String(choice.value) : { problem: `must be one of ${option.choices.map((c) => c.value).join(', ')}.` };
      }
      const length = [...value].length;
      if (option.min_length !== undefined && length < option.min_length) return { problem: `must be at least ${option.min_length} characters long (this one has ${length}).` };
      if (option.max_length !== undefined && length > option.max_length) return { problem: `must be at most ${option.max_length} characters long (this one has ${length}).` };
      return value;
    }
    case T.Integer:
    case T.Number: {
      const whole = option.type === T.Integer;
      const number = typeof value === 'string' && (whole ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/).test(value) ? Number(value) : Number.NaN;
      const range = rangeOf(option);
      if (Number.isNaN(number)) return { problem: `must be ${whole ? 'a whole number' : 'a number'}${range}.` };
      if (option.choices?.length && !option.choices.some((c) => c.value === number)) return { problem: `must be one of ${option.choices.map((c) => c.value).join(', ')}.` };
      if ((option.min_value !== undefined && number < option.min_value) || (option.max_value !== undefined && number > option.max_value)) return { problem: `must be ${whole ? 'a whole number' : 'a number'}${range}.` };
      return String(number);
    }
    case T.User:
      return typeof value === 'object' ? value : { problem: 'must be a member of the server, like @bob.' };
    case T.Channel:
      return typeof value === 'string' && CHANNELS.has(value) ? value : { problem: 'must be a channel of the server, like #study-hall.' };
    default:
      return { problem: 'cannot be typed in the playground.' };
  }
}

function rangeOf(option: OptionDefinition): string {
  const { min_value: min, max_value: max } = option;
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

/** `, like name:value` when there is an obvious example, else nothing. */
function example(option: OptionDefinition): string {
  const value = option.choices?.length
    ? String(option.choices[0]!.value)
    : option.type === T.User
      ? '@bob'
      : option.type === T.Channel
        ? '#study-hall'
        : option.type === T.Integer || option.type === T.Number
          ? String(option.min_value ?? 1)
          : undefined;
  return value === undefined ? '' : `, like ${option.name}:${value}`;
}

function describeOptions(options: readonly OptionDefinition[]): string {
  return options.length ? `its options are ${options.map((o) => o.name).join(', ')}` : 'it takes no options';
}
