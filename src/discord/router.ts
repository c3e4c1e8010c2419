import { randomBytes } from 'node:crypto';
import { DiscordAPIError, MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import type { AppContext } from '../context.js';
import type { Metrics } from '../http/metrics.js';
import { StoreUnavailableError, UserError, WriteInDoubtError } from '../errors.js';
import { answer, deferWhenSlow } from './answer.js';
import { clip } from '../text.js';
import { parseButtonId } from './buttons.js';
import type { CommandModule, GuildButton, GuildChatInput } from './command.js';

type Outcome = 'ok' | 'user-error' | 'store-unavailable' | 'write-in-doubt' | 'error' | 'rejected' | 'cooldown' | 'answered-elsewhere';

export const MESSAGES = {
  storeDown: 'The study store is unavailable right now; try again shortly. Nothing was changed.',
  inDoubt:
    'I sent this to the study store, but it has not answered, so I cannot tell yet whether it was saved. Check with `/progress` (admins: `/studygroup show` or `/meetup list`) in a minute before trying again.',
  notInGuild: 'Syllabot works inside a server: use its commands in a channel of your study server.',
  stopping: 'Syllabot is restarting; try again in a few seconds.',
  staleButton: 'This button is from an older version of Syllabot. Run the command again for a fresh one.',
  unknownCommand: 'That command is not available any more. Run `/help` to see the current ones.',
} as const;

/**
 * The one place interactions are dispatched. It owns error handling (a UserError becomes a friendly
 * ephemeral reply, anything else is logged with a reference the member can quote), one log line per
 * interaction, and the in-flight count that lets shutdown finish work before closing.
 */
/** An interaction not answered by then is deferred, well inside Discord's 3-second window. */
export const DEFER_AFTER_MS = 1_500;

/** How often a member may use commands; shared by every replica (store/cooldown-store.ts). */
export interface RateLimit {
  /** Milliseconds the member must wait, or 0 when this use is allowed (and counted). */
  take(guildId: string, userId: string): Promise<number>;
}

export function createRouter(commands: CommandModule[], ctx: AppContext, options: { metrics?: Metrics; rateLimit?: RateLimit } = {}) {
  const { metrics, rateLimit } = options;
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  const buttons = new Map(commands.flatMap((c) => Object.entries(c.buttons ?? {})));
  let accepting = true;
  let inFlight = 0;
  let idle: (() => void) | undefined;

  async function dispatch(i: Interaction): Promise<string> {
    if (i.isChatInputCommand()) {
      const command = byName.get(i.commandName);
      if (!command) throw new UserError(MESSAGES.unknownCommand);
      await command.execute(i as GuildChatInput, ctx);
      return i.commandName;
    }
    if (i.isAutocomplete()) {
      await byName.get(i.commandName)?.autocomplete?.(i, ctx);
      return `autocomplete:${i.commandName}`;
    }
    if (i.isButton()) {
      const parsed = parseButtonId(i.customId);
      const handler = parsed && buttons.get(parsed.action);
      if (!parsed || !handler) throw new UserError(MESSAGES.staleButton);
      await handler(i as GuildButton, parsed.argument, ctx);
      return `button:${parsed.action}`;
    }
    return `type:${i.type}`;
  }

  async function handle(i: Interaction): Promise<void> {
    const started = performance.now();
    let name = 'unknown';
    let outcome: Outcome = 'ok';
    if (!accepting) {
      outcome = 'rejected';
      await answerError(i, MESSAGES.stopping);
      return;
    }
    inFlight++;
    try {
      if (!i.inGuild()) {
        outcome = 'rejected';
        await answerError(i, MESSAGES.notInGuild);
        return;
      }
      const stopTimer = i.isRepliable() ? deferWhenSlow(i, DEFER_AFTER_MS) : () => undefined;
      try {
        const wait = i.isAutocomplete() || !rateLimit ? 0 : await rateLimit.take(i.guildId, i.user.id);
        if (wait > 0) {
          outcome = 'cooldown';
          await answerError(i, `Easy there! Try again in ${Math.ceil(wait / 1000)} s.`);
          return;
        }
        name = await dispatch(i);
      } finally {
        stopTimer();
      }
    } catch (error) {
      if (answeredElsewhere(error)) {
        // A duplicate delivery of an interaction another handler (or process) already answered:
        // Discord takes one answer, and the member has it. Nothing to tell, nothing went wrong.
        outcome = 'answered-elsewhere';
      } else if (error instanceof UserError) {
        outcome = 'user-error';
        await answerError(i, error.message);
      } else if (error instanceof WriteInDoubtError) {
        outcome = 'write-in-doubt';
        metrics?.redisErrors.inc();
        ctx.log.warn({ interactionId: i.id, err: error.cause }, 'redis write in doubt');
        await answerError(i, MESSAGES.inDoubt);
      } else if (error instanceof StoreUnavailableError) {
        outcome = 'store-unavailable';
        metrics?.redisErrors.inc();
        ctx.log.warn({ interactionId: i.id, err: error.cause }, 'redis unavailable');
        await answerError(i, MESSAGES.storeDown);
      } else {
        outcome = 'error';
        const ref = randomBytes(2).toString('hex');
        ctx.log.error({ interactionId: i.id, ref, err: error }, 'interaction failed');
        await answerError(i, `Something went wrong (ref ${ref}). It has been logged; please try again.`);
      }
    } finally {
      const ms = performance.now() - started;
      ctx.log.info({ guildId: i.guildId, interactionId: i.id, command: name, ms: Math.round(ms), outcome }, 'interaction');
      metrics?.interactions.inc({ command: name, outcome });
      metrics?.latency.observe({ command: name }, ms / 1000);
      if (--inFlight === 0) idle?.();
    }
  }

  async function answerError(i: Interaction, content: string): Promise<void> {
    try {
      if (i.isAutocomplete()) {
        if (!i.responded) await i.respond([]);
        return;
      }
      // Errors may quote what a member typed: never past Discord's 2,000 characters.
      await answer(i as RepliableInteraction, { content: clip(content, 2_000), flags: MessageFlags.Ephemeral });
    } catch (error) {
      if (!answeredElsewhere(error)) ctx.log.warn({ interactionId: i.id, err: error }, 'could not answer the interaction');
    }
  }

  return {
    handle,
    /** Stops taking interactions (they get a polite "restarting") and waits for those in flight. */
    async drain(timeoutMs: number): Promise<void> {
      accepting = false;
      if (inFlight === 0) return;
      await Promise.race([new Promise<void>((resolve) => (idle = resolve)), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    },
  };
}

/** Discord's "Interaction has already been acknowledged": this delivery was answered already. */
const answeredElsewhere = (error: unknown) => error instanceof DiscordAPIError && error.code === 40060;
