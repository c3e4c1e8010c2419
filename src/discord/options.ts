import {
  ApplicationCommandOptionType as T,
  type APIInteractionDataResolvedChannel,
  type Attachment,
  type ChatInputCommandInteraction,
  type GuildBasedChannel,
  type Role,
  type User,
} from 'discord.js';
import { UserError } from '../errors.js';

/**
 * A command's options as data (the registration payload), read-only so `as const` definitions keep
 * their literal names, types, `required` flags and choices: ArgsOf turns them into the type of the
 * values `execute` receives, and readArgs reads exactly those values. No option is read by string
 * and cast anywhere else.
 */
export interface OptionData {
  readonly name: string;
  readonly description: string;
  readonly type: T;
  readonly required?: boolean;
  readonly choices?: readonly { readonly name: string; readonly value: string | number }[];
  readonly options?: readonly OptionData[];
  readonly [more: string]: unknown;
}

export interface CommandData {
  readonly name: string;
  readonly description: string;
  readonly options?: readonly OptionData[];
  readonly [more: string]: unknown;
}

type Choice<O> = O extends { readonly choices: readonly { readonly value: infer V }[] } ? V : never;

type ValueOf<O extends OptionData> = [Choice<O>] extends [never]
  ? O['type'] extends T.String
    ? string
    : O['type'] extends T.Integer | T.Number
      ? number
      : O['type'] extends T.Boolean
        ? boolean
        : O['type'] extends T.User
          ? User
          : O['type'] extends T.Channel
            ? GuildBasedChannel | APIInteractionDataResolvedChannel
            : O['type'] extends T.Role
              ? Role
              : O['type'] extends T.Attachment
                ? Attachment
                : never
  : Choice<O>;

type OptionsOf<Os extends readonly OptionData[] | undefined> = Os extends readonly OptionData[]
  ? { [O in Os[number] as O['name']]: O extends { readonly required: true } ? ValueOf<O> : ValueOf<O> | undefined }
  : Record<never, never>;

type SubcommandArgs<S extends OptionData> = S extends OptionData ? { subcommand: S['name'] } & OptionsOf<S['options']> : never;

/** The values `execute` receives: the options by name, or for subcommands a union tagged by `subcommand`. */
export type ArgsOf<D extends CommandData> = D['options'] extends readonly OptionData[]
  ? Extract<D['options'][number], { readonly type: T.Subcommand }> extends never
    ? OptionsOf<D['options']>
    : SubcommandArgs<Extract<D['options'][number], { readonly type: T.Subcommand }>>
  : Record<never, never>;

/** What a member's client sent for an option Discord would not send under this definition. */
export const STALE_COMMAND = 'This command was just updated and your Discord app still had the old version. Run it again (reopen the command if it keeps happening).';

/**
 * Reads a command's options as its definition declares them. An option of another type, or a
 * value outside its choices, comes from a client still holding an older registration (global
 * commands take up to an hour to update): that is a friendly "run it again", never a crash.
 */
export function readArgs<D extends CommandData>(i: ChatInputCommandInteraction, data: D): ArgsOf<D> {
  try {
    const top = data.options ?? [];
    const subcommands = top.filter((o) => o.type === T.Subcommand);
    if (!subcommands.length) return readOptions(i, top) as ArgsOf<D>;
    const name = i.options.getSubcommand(true);
    const sub = subcommands.find((o) => o.name === name);
    if (!sub) throw new UserError(STALE_COMMAND);
    return { subcommand: name, ...readOptions(i, sub.options ?? []) } as ArgsOf<D>;
  } catch (error) {
    if (error instanceof UserError) throw error;
    // discord.js throws a TypeError when an option's type differs from what we ask for.
    throw new UserError(STALE_COMMAND);
  }
}

function readOptions(i: ChatInputCommandInteraction, defs: readonly OptionData[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    const value = readOne(i, def);
    if (value !== undefined && def.choices && !def.choices.some((c) => c.value === value)) throw new UserError(STALE_COMMAND);
    out[def.name] = value;
  }
  return out;
}

function readOne(i: ChatInputCommandInteraction, def: OptionData): unknown {
  const required = def.required === true;
  const o = i.options;
  switch (def.type) {
    case T.String:
      return o.getString(def.name, required) ?? undefined;
    case T.Integer:
      return o.getInteger(def.name, required) ?? undefined;
    case T.Number:
      return o.getNumber(def.name, required) ?? undefined;
    case T.Boolean:
      return o.getBoolean(def.name, required) ?? undefined;
    case T.User:
      return o.getUser(def.name, required) ?? undefined;
    case T.Channel:
      return o.getChannel(def.name, required) ?? undefined;
    case T.Role:
      return o.getRole(def.name, required) ?? undefined;
    case T.Attachment:
      return o.getAttachment(def.name, required) ?? undefined;
    default:
      throw new Error(`option type ${def.type} is not read by readArgs`);
  }
}
