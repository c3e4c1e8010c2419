import { PermissionFlagsBits, type Guild } from 'discord.js';
import { UserError } from '../errors.js';
import type { GuildChatInput } from './command.js';

/** What the bot needs in a study channel, with the names Discord's settings show. */
export const CHANNEL_NEEDS: Array<[bigint, string]> = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  [PermissionFlagsBits.CreatePublicThreads, 'Create Public Threads'],
];

/** The permissions the bot lacks in a channel, named; empty when it has them all. */
export function missingInChannel(guild: Guild | null, channelId: string, needs = CHANNEL_NEEDS): string[] {
  const channel = guild?.channels.cache.get(channelId);
  const me = guild?.members.me;
  if (!guild || !channel || !me) return [];
  const has = channel.permissionsFor(me);
  return needs.filter(([flag]) => !has.has(flag)).map(([, name]) => name);
}

export function botMay(guild: Guild | null, permission: bigint): boolean {
  return guild?.members.me?.permissions.has(permission) ?? false;
}

/** Admin commands check the member's permission again when they run (server settings can change). */
export function requireManageServer(i: GuildChatInput): void {
  if (!i.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError('Only members with the **Manage Server** permission can do that.');
  }
}
