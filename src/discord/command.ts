import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { ApplicationCommandOptionType, ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import type { AppContext } from '../context.js';
import type { Curriculum } from '../curriculum/curriculum.js';
import type { MemberRef } from '../store/progress-store.js';
import { readArgs, type ArgsOf, type CommandData, type OptionData } from './options.js';

export type GuildChatInput = ChatInputCommandInteraction<'cached' | 'raw'>;
export type GuildButton = ButtonInteraction<'cached' | 'raw'>;

export type ButtonHandler = (i: GuildButton, arg: string, ctx: AppContext) => Promise<unknown>;

/** A command as written: `execute` receives its options typed from `data` (see options.ts). */
export interface CommandSpec<D extends CommandData> {
  data: D;
  execute(i: GuildChatInput, args: ArgsOf<D>, ctx: AppContext): Promise<unknown>;
  autocomplete?(i: AutocompleteInteraction, ctx: AppContext): Promise<unknown>;
  /** Buttons this command owns, by the action in their custom id (see buttons.ts). */
  buttons?: Record<string, ButtonHandler>;
}

/**
 * One slash command as the router, /help and the deploy script see it. `data` is the registration
 * payload itself, so they all read the same definition.
 */
export interface CommandModule {
  data: CommandData;
  execute(i: GuildChatInput, ctx: AppContext): Promise<unknown>;
  autocomplete?(i: AutocompleteInteraction, ctx: AppContext): Promise<unknown>;
  buttons?: Record<string, ButtonHandler>;
}

/** Types a command's options from its `as const` definition and reads them for it. */
export function defineCommand<const D extends CommandData>(spec: CommandSpec<D>): CommandModule {
  return { ...spec, execute: (i, ctx) => spec.execute(i, readArgs(i, spec.data), ctx) };
}

/** Every Syllabot command lives in servers only. */
export const guildOnly = {
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
} as const;

/** An option whose choices are the curriculum's tracks, filled in when commands are registered. */
export const TRACK_OPTION = 'track';

/**
 * The registration payload: the definition, with every `track` option offering the tracks of the
 * curriculum the bot serves (a server's own curriculum may have others than Python and Node.js).
 */
export function registration(command: CommandModule, curriculum: Curriculum): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const withTracks = (options: readonly OptionData[] | undefined): OptionData[] | undefined =>
    options?.map((o) => ({
      ...o,
      ...(o.name === TRACK_OPTION && o.type === ApplicationCommandOptionType.String ? { choices: curriculum.tracks.slice(0, 25).map((t) => ({ name: t.title, value: t.id })) } : {}),
      ...(o.options ? { options: withTracks(o.options) } : {}),
    }));
  return { ...command.data, options: withTracks(command.data.options) } as unknown as RESTPostAPIChatInputApplicationCommandsJSONBody;
}

export const memberOf = (i: { guildId: string; user: { id: string } }): MemberRef => ({ guildId: i.guildId, userId: i.user.id });

/** Longest string a member may type into a topic option (Discord allows up to 6000). */
export const TOPIC_OPTION_MAX = 100;
