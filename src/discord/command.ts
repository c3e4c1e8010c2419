import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import type { AppContext } from '../context.js';
import type { MemberRef } from '../store/progress-store.js';

export type GuildChatInput = ChatInputCommandInteraction<'cached' | 'raw'>;
export type GuildButton = ButtonInteraction<'cached' | 'raw'>;

/**
 * One slash command. `data` is the registration payload itself, so the deploy script, the router
 * and /help all read the same definition.
 */
export interface CommandModule {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(i: GuildChatInput, ctx: AppContext): Promise<unknown>;
  autocomplete?(i: AutocompleteInteraction, ctx: AppContext): Promise<unknown>;
  /** Buttons this command owns, by the action in their custom id (see buttons.ts). */
  buttons?: Record<string, (i: GuildButton, arg: string, ctx: AppContext) => Promise<unknown>>;
}

/** Every Syllabot command lives in servers only. */
export const guildOnly: Pick<RESTPostAPIChatInputApplicationCommandsJSONBody, 'contexts' | 'integration_types'> = {
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

export const memberOf = (i: { guildId: string; user: { id: string } }): MemberRef => ({ guildId: i.guildId, userId: i.user.id });

/** Longest string a member may type into a topic option (Discord allows up to 6000). */
export const TOPIC_OPTION_MAX = 100;
