import 'dotenv/config';
import { REST, Routes, type APIApplication, type APIApplicationCommand } from 'discord.js';
import { commands } from '../commands/index.js';
import { ConfigError, parseConfig } from '../src/config.js';
import { loadCurriculum } from '../src/curriculum/load.js';
import { registration } from '../src/discord/command.js';
import { discordUnreachable } from '../src/discord/unreachable.js';

/** Registers every slash command: to DISCORD_GUILD_ID when set (instant), else globally (up to an hour). */
async function deploy(): Promise<void> {
  const config = parseConfig(process.env);
  // Track choices come from the curriculum the bot will serve.
  const curriculum = loadCurriculum(config.CURRICULUM_DIR);
  const rest = new REST({ version: '10', ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}) }).setToken(config.DISCORD_TOKEN);
  const applicationId = config.DISCORD_APPLICATION_ID ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
  const route = config.DISCORD_GUILD_ID ? Routes.applicationGuildCommands(applicationId, config.DISCORD_GUILD_ID) : Routes.applicationCommands(applicationId);
  const registered = (await rest.put(route, { body: commands.map((c) => registration(c, curriculum)) })) as APIApplicationCommand[];
  const where = config.DISCORD_GUILD_ID ? `server ${config.DISCORD_GUILD_ID}` : 'every server (global; may take up to an hour to appear)';
  console.log(`Registered ${registered.length} commands for application ${applicationId} in ${where}:`);
  for (const c of registered) console.log(`  /${c.name} — ${c.description}`);
}

deploy().catch((error: unknown) => {
  const unreachable = discordUnreachable(error, process.env.DISCORD_API_URL || undefined);
  console.error(error instanceof ConfigError ? error.message : `Deploy failed: ${(unreachable ?? (error instanceof Error ? error : new Error(String(error)))).message}`);
  process.exit(1);
});
