import { APPLICATION_ID, ATTACHMENT_SIZE_LIMIT, snowflake, type DiscordStandin, type RestCall } from './discord-standin.js';
import { uploadFilename } from './discord-rules.js';
import { MEMBER_PERMISSIONS } from './fixtures.js';

const EPHEMERAL = 64;
const OPTION_TYPE = { subcommand: 1, string: 3, integer: 4, user: 6, channel: 7 } as const;
/** Options that are not strings, by name (as the commands define them). */
const TYPED_OPTIONS: Record<string, number> = { channel: OPTION_TYPE.channel, duration: OPTION_TYPE.integer };

/** A message as a member would see it: an interaction reply, a follow-up or an edit. */
export interface SeenMessage {
  kind: 'reply' | 'update' | 'followup' | 'edit';
  content: string;
  embeds: Array<{ title?: string; description?: string; author?: { name: string }; footer?: { text: string }; fields?: Array<{ name: string; value: string }>; image?: { url: string }; thumbnail?: { url: string } }>;
  components: Array<{ components: Array<{ custom_id?: string; label?: string }> }>;
  /** The files of the call that produced this message (for an edit of a deferral, the edit's), bytes as uploaded. */
  attachments: SeenAttachment[];
  ephemeral: boolean;
  allowedMentions: unknown;
  /** Milliseconds from INTERACTION_CREATE to this call reaching the stand-in. */
  ms: number;
}

/** A file on a message a member sees. */
export interface SeenAttachment {
  filename: string;
  contentType?: string;
  data: Buffer;
}

export type OptionValue = string | { user: string };

/** Acknowledgement times seen by every test, for the closing figure. */
export const acknowledgements: number[] = [];

/** One interaction in flight: waits for and reads what the bot answered. */
export class Exchange {
  constructor(
    private readonly standin: DiscordStandin,
    readonly id: string,
    readonly token: string,
    private readonly sentAt: number,
  ) {}

  /** Every call the bot made for this interaction, refused ones included. */
  attempts(): RestCall[] {
    return this.standin.calls.filter((c) => c.path.startsWith(`/interactions/${this.id}/${this.token}/`) || c.path.startsWith(`/webhooks/${APPLICATION_ID}/${this.token}`));
  }

  /** The bot's calls for this interaction that Discord would have refused (status 400 and above). */
  refused(): RestCall[] {
    return this.attempts().filter((c) => (c.status ?? 0) >= 400);
  }

  /** Only what the stand-in accepted reaches a member: a refused answer is never seen. */
  private ownCalls(): RestCall[] {
    return this.attempts().filter((c) => c.status !== undefined && c.status < 300);
  }

  /** Waits until the bot has sent `count` messages for this interaction, and returns them. */
  async messages(count = 1, timeoutMs = 5_000): Promise<SeenMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = this.sent();
      if (seen.length >= count) {
        if (seen[0]) acknowledgements.push(seen[0].ms);
        return seen;
      }
      if (Date.now() > deadline) throw new Error(`expected ${count} message(s) for interaction ${this.id}, saw ${seen.length}: ${JSON.stringify(this.attempts())}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** What the bot has sent for this interaction so far, without waiting. */
  sent(): SeenMessage[] {
    return this.ownCalls().map((c) => this.toMessage(c)).filter((m): m is SeenMessage => m !== undefined);
  }

  async reply(): Promise<SeenMessage> {
    return (await this.messages(1))[0]!;
  }

  /** Autocomplete choices the bot answered with. */
  async choices(): Promise<Array<{ name: string; value: string }>> {
    const call = await this.standin.waitForCall((c) => c.path === `/interactions/${this.id}/${this.token}/callback`);
    if ((call.status ?? 0) >= 300) throw new Error(`the autocomplete result was refused (${call.status}): ${JSON.stringify(call.error)}`);
    if (call.body?.type !== 8) throw new Error(`expected an autocomplete result, got ${JSON.stringify(call.body)}`);
    return call.body.data.choices;
  }

  private toMessage(call: RestCall): SeenMessage | undefined {
    const ms = call.at - this.sentAt;
    if (call.path.endsWith('/callback')) {
      const type = call.body?.type;
      if (type !== 4 && type !== 7) return undefined;
      return view(type === 4 ? 'reply' : 'update', call.body.data ?? {}, call, ms);
    }
    if (call.method === 'POST') return view('followup', call.body ?? {}, call, ms);
    if (call.method === 'PATCH') return view('edit', call.body ?? {}, call, ms);
    return undefined;
  }
}

function view(kind: SeenMessage['kind'], data: Record<string, any>, call: RestCall, ms: number): SeenMessage { // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    kind,
    content: data.content ?? '',
    embeds: data.embeds ?? [],
    components: data.components ?? [],
    attachments: call.files.map((f) => ({ filename: uploadFilename(data, f), ...(f.contentType ? { contentType: f.contentType } : {}), data: f.data })),
    ephemeral: ((data.flags ?? 0) & EPHEMERAL) !== 0,
    allowedMentions: data.allowed_mentions,
    ms,
  };
}

/** A server member typing commands and pressing buttons through the stand-in. */
export class Member {
  constructor(
    private readonly standin: DiscordStandin,
    readonly guildId: string,
    readonly userId: string,
    readonly channelId = '300000000000000001',
    readonly permissions = MEMBER_PERMISSIONS,
    /** The member's display name (Discord's global_name); none: the client shows their username. */
    readonly displayName?: string,
  ) {}

  /** `/name option:value …` (`subcommand` names a subcommand) — returns the exchange to read the bot's answer from. */
  run(name: string, options: Record<string, OptionValue> = {}, id?: string): Exchange {
    const { subcommand, ...rest } = options;
    const resolved: { users: Record<string, unknown>; members: Record<string, unknown>; channels: Record<string, unknown> } = { users: {}, members: {}, channels: {} };
    let opts: unknown[] = Object.entries(rest).map(([optionName, value]) => {
      if (typeof value !== 'string') {
        resolved.users[value.user] = user(value.user);
        resolved.members[value.user] = { roles: [], joined_at: new Date(0).toISOString(), permissions: this.permissions, flags: 0 };
        return { name: optionName, type: OPTION_TYPE.user, value: value.user };
      }
      const type = TYPED_OPTIONS[optionName] ?? OPTION_TYPE.string;
      if (type === OPTION_TYPE.channel) resolved.channels[value] = { id: value, type: 0, name: 'study', permissions: this.permissions };
      return { name: optionName, type, value: type === OPTION_TYPE.integer ? Number(value) : value };
    });
    if (typeof subcommand === 'string') opts = [{ name: subcommand, type: OPTION_TYPE.subcommand, options: opts }];
    return this.send(2, { id: '800000000000000000', name, type: 1, options: opts, resolved, guild_id: this.guildId }, id);
  }

  /** Clicks a button by its custom id, on an ephemeral message (as /next sends). */
  press(customId: string): Exchange {
    return this.send(3, { custom_id: customId, component_type: 2 }, undefined, {
      message: { id: snowflake(), channel_id: this.channelId, author: { id: '900000000000000001', username: 'Syllabot', discriminator: '0', bot: true }, content: '', embeds: [], components: [], attachments: [], mentions: [], mention_roles: [], mention_everyone: false, pinned: false, tts: false, type: 20, flags: EPHEMERAL, timestamp: new Date().toISOString(), edited_timestamp: null },
    });
  }

  /** Types into an autocomplete option (of a subcommand, when named). */
  autocomplete(name: string, option: string, typed: string, subcommand?: string): Exchange {
    const focused = [{ name: option, type: OPTION_TYPE.string, value: typed, focused: true }];
    const options = subcommand ? [{ name: subcommand, type: OPTION_TYPE.subcommand, options: focused }] : focused;
    return this.send(4, { id: '800000000000000000', name, type: 1, options });
  }

  private send(type: number, data: Record<string, unknown>, id = snowflake(), extra: Record<string, unknown> = {}): Exchange {
    const token = `token-${id}`;
    const sentAt = Date.now();
    this.standin.dispatchInteraction({
      id,
      application_id: APPLICATION_ID,
      type,
      token,
      version: 1,
      guild_id: this.guildId,
      channel_id: this.channelId,
      channel: { id: this.channelId, type: 0, guild_id: this.guildId, name: 'study', permissions: this.permissions },
      member: { user: user(this.userId, this.displayName), roles: [], permissions: this.permissions, joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null },
      data,
      // The bot's permissions in this channel (its role and the channel's overwrite, from the guild fixture).
      app_permissions: String(this.standin.appPermissionsIn(this.channelId)),
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
      ...extra,
    });
    return new Exchange(this.standin, id, token, sentAt);
  }
}

function user(id: string, globalName?: string) {
  return { id, username: `member${id.slice(-4)}`, discriminator: '0', global_name: globalName ?? null, avatar: null };
}
