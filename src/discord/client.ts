import { Client, GatewayIntentBits, Options } from 'discord.js';
import type { Config } from '../config.js';

/**
 * Slash commands need the Guilds intent only. Caches are capped so memory does not grow with the
 * number of members or messages; posts never ping anyone unless a message opts in.
 */
export function createClient(config: Config): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [], repliedUser: false },
    rest: config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {},
    // Shards across hosts: this process connects as the shards it was given (under the sharding
    // manager discord.js sets them itself).
    ...(config.SHARD_COUNT ? { shards: config.SHARD_IDS ?? [...Array(config.SHARD_COUNT).keys()], shardCount: config.SHARD_COUNT } : {}),
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
      PresenceManager: 0,
      ReactionManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      VoiceStateManager: 0,
      ThreadMemberManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
    }),
  });
}
