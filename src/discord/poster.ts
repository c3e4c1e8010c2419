import { DiscordAPIError, PermissionFlagsBits, Routes, type APIMessage, type Client } from 'discord.js';
import type { Logger } from '../log.js';
import type { Pacer } from '../store/pacer.js';
import { PostRefused, type DailyPromptView, type Poster, type RecapView, type ReminderView } from '../scheduler/poster.js';
import { partNonce } from '../scheduler/poster.js';
import { dailyPromptMarker, dailyPromptMessage, recapMessage, reminderMessages } from './render/scheduled.js';

/**
 * Posts the scheduler's messages over Discord REST. Rate limits (429) and retries of 5xx are the
 * REST client's job; a 403 or 404 means the channel is gone or closed to us, which pauses the group.
 */
export class DiscordPoster implements Poster {
  constructor(
    private readonly client: Client,
    private readonly log: Logger,
    /** Keeps the posts of every replica together under Discord's global rate limit. */
    private readonly pacer: Pacer = { take: async () => undefined },
  ) {}

  async dailyPrompt(channelId: string, view: DailyPromptView, nonce: string, mayExist: boolean): Promise<void> {
    if (mayExist && (await this.findRecent(channelId, dailyPromptMarker(view)))) {
      this.log.info({ channelId, slotMs: view.slotMs }, 'daily prompt was posted by an earlier attempt; not posting again');
      return;
    }
    const { threadName, ...message } = dailyPromptMessage(view);
    const posted = await this.send(channelId, message, nonce);
    // A nonce Discord had seen returns the message posted before, with its thread if it has one.
    if (posted.thread || !this.may(channelId, PermissionFlagsBits.CreatePublicThreads)) return;
    try {
      await this.pacer.take();
      await this.client.rest.post(Routes.threads(channelId, posted.id), { body: { name: threadName, auto_archive_duration: 1440 } });
    } catch (error) {
      // The prompt is out; a missing thread is not worth pausing the group for.
      this.log.warn({ channelId, err: error }, 'could not start the discussion thread');
    }
  }

  /** One message or several (100 mentions each); each part has a nonce of its own, so a retry posts none twice. */
  async reminder(channelId: string, view: ReminderView, nonce: string): Promise<void> {
    for (const [part, { users, ...message }] of reminderMessages(view).entries()) {
      await this.send(channelId, message, partNonce(nonce, part), { parse: [], users });
    }
  }

  async recap(channelId: string, view: RecapView, nonce: string): Promise<void> {
    await this.send(channelId, recapMessage(view), nonce);
  }

  /** Whether one of the channel's last 50 messages is ours and carries the marker in its embed footer. */
  private async findRecent(channelId: string, marker: string): Promise<boolean> {
    try {
      await this.pacer.take();
      const recent = (await this.client.rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ limit: '50' }) })) as APIMessage[];
      // Ours: by our user id, or by any bot when this client never logged in (a REST-only poster).
      const self = this.client.user?.id;
      return recent.some((m) => (self ? m.author.id === self : m.author.bot === true) && m.embeds.some((e) => e.footer?.text.startsWith(marker)));
    } catch (error) {
      // Cannot read the history (no Read Message History): fall back on the nonce's de-duplication.
      this.log.warn({ channelId, err: error }, 'could not read recent messages to check for an earlier post');
      return false;
    }
  }

  private async send(channelId: string, message: object, nonce: string, allowedMentions: object = { parse: [] }): Promise<{ id: string; thread?: unknown }> {
    await this.pacer.take();
    try {
      return (await this.client.rest.post(Routes.channelMessages(channelId), {
        body: { ...toJson(message), nonce, enforce_nonce: true, allowed_mentions: allowedMentions },
      })) as { id: string; thread?: unknown };
    } catch (error) {
      if (error instanceof DiscordAPIError && (error.status === 403 || error.status === 404)) {
        throw new PostRefused(error.status === 404 ? `the channel <#${channelId}> no longer exists` : `I lost access to <#${channelId}> (${error.message})`);
      }
      throw error;
    }
  }

  /** Whether the bot has a permission in a channel, as far as the cache knows (true when unknown). */
  private may(channelId: string, permission: bigint): boolean {
    const channel = this.client.channels.cache.get(channelId);
    if (!channel || !('permissionsFor' in channel) || !channel.guild.members.me) return true;
    return channel.permissionsFor(channel.guild.members.me)?.has(permission) ?? true;
  }
}

/** Builders (buttons) become plain JSON for the REST body. */
function toJson(message: object): object {
  return JSON.parse(JSON.stringify(message, (_key, value) => (value && typeof value.toJSON === 'function' ? value.toJSON() : value)));
}
