import { ApplicationCommandOptionType } from 'discord.js';
import { commands } from '../commands/index.js';
import { CHANNEL } from '../standin/fixtures.js';
import type { OptionValue } from '../standin/member.js';
import { PEOPLE } from './world.js';

export type PlaygroundLine =
  | { kind: 'command'; name: string; options: Record<string, OptionValue> }
  | { kind: 'as'; name: string }
  | { kind: 'press'; button: number }
  | { kind: 'time'; ms: number }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'error'; message: string };

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Every subcommand name of every command: a bare word among them names the subcommand. */
const SUBCOMMANDS = new Set(commands.flatMap((c) => (c.data.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand).map((o) => o.name)));

/**
 * Reads one playground line: `/next`, `/done topic:http-basics`, `/meetup create title:"SQL night"
 * when:"tomorrow 18:00"`, `/progress member:@bob`, `/as bob`, `/press 1`, `/time +1d`.
 */
export function parsePlaygroundLine(line: string): PlaygroundLine | undefined {
  const text = line.trim();
  if (!text) return undefined;
  if (!text.startsWith('/')) return { kind: 'error', message: 'Commands start with a slash, like /next. Type /? for help.' };
  const [head, ...rest] = tokens(text.slice(1));
  if (head === 'quit' || head === 'exit') return { kind: 'quit' };
  if (head === '?' || head === 'commands') return { kind: 'help' };
  if (head === 'as') return rest[0] && Object.values(PEOPLE).includes(rest[0]) ? { kind: 'as', name: rest[0] } : { kind: 'error', message: `Who? Try ${Object.values(PEOPLE).filter((p) => p !== 'study-hall').join(', ')}.` };
  if (head === 'press') {
    const button = Number(rest[0]);
    return Number.isInteger(button) && button > 0 ? { kind: 'press', button } : { kind: 'error', message: 'Press which button? /press 1' };
  }
  if (head === 'time') {
    const match = /^\+(\d+)([mhd])$/.exec(rest[0] ?? '');
    return match ? { kind: 'time', ms: Number(match[1]) * UNITS[match[2]!]! } : { kind: 'error', message: 'Move time forward like /time +1d, /time +2h or /time +30m.' };
  }
  const options: Record<string, OptionValue> = {};
  for (const token of rest) {
    const colon = token.indexOf(':');
    if (colon < 0 && SUBCOMMANDS.has(token)) options.subcommand = token;
    else if (colon < 0) return { kind: 'error', message: `Options look like name:value; "${token}" is not one.` };
    else options[token.slice(0, colon)] = optionValue(token.slice(colon + 1));
  }
  return { kind: 'command', name: head!, options };
}

function optionValue(raw: string): OptionValue {
  if (raw.startsWith('@')) {
    const id = Object.keys(PEOPLE).find((key) => PEOPLE[key] === raw.slice(1));
    if (id) return { user: id };
  }
  if (raw === '#study-hall') return CHANNEL;
  return raw;
}

/** Splits on spaces, keeping "quoted values" (and key:"quoted values") whole. */
function tokens(text: string): string[] {
  return [...text.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0].replace(/"/g, ''));
}
