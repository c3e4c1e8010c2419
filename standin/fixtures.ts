import { PermissionFlagsBits } from 'discord.js';

/** The server, channel and permissions the stand-in's ready-made world uses (tests, demo, playground). */
export const GUILD = '200000000000000001';
export const CHANNEL = '300000000000000001';

/** A plain member: view, send, read history, use application commands. */
export const MEMBER_PERMISSIONS = String(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ReadMessageHistory | PermissionFlagsBits.UseApplicationCommands);
/** A member with Manage Server as well. */
export const ADMIN_PERMISSIONS = String(BigInt(MEMBER_PERMISSIONS) | PermissionFlagsBits.ManageGuild);
