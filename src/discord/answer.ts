import {
  MessageFlags,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  type ButtonInteraction,
  type RepliableInteraction,
} from 'discord.js';

/**
 * Every answer to an interaction goes through here, one at a time per interaction, so an answer
 * and the router's "still working" deferral can never race into two acknowledgements (Discord
 * refuses the second). The first answer replies, or fills in the deferred reply; later ones are
 * follow-ups.
 */
const queues = new WeakMap<RepliableInteraction, Promise<unknown>>();

function inTurn<T>(i: RepliableInteraction, work: () => Promise<T>): Promise<T> {
  const run = (queues.get(i) ?? Promise.resolve()).then(work, work) as Promise<T>;
  queues.set(i, run.catch(() => undefined));
  return run;
}

export type Answer = string | InteractionReplyOptions;

export function answer(i: RepliableInteraction, payload: Answer): Promise<unknown> {
  return inTurn<unknown>(i, () => {
    if (i.replied) return i.followUp(payload);
    if (i.deferred) {
      // The deferral decided who sees the answer; an edit carries no flags.
      const { flags: _flags, ...edit } = typeof payload === 'string' ? { content: payload } : payload;
      return i.editReply(edit);
    }
    return i.reply(payload);
  });
}

/**
 * Answers a button press by replacing the message the button is on (an ephemeral question becomes
 * its result), in turn with any other answer. After a deferral it fills in the deferred reply.
 */
export function update(i: ButtonInteraction, payload: Omit<InteractionUpdateOptions, 'flags'>): Promise<unknown> {
  return inTurn<unknown>(i, () => {
    if (i.replied) return i.followUp({ ...payload, flags: MessageFlags.Ephemeral } as InteractionReplyOptions);
    if (i.deferred) return i.editReply(payload as InteractionEditReplyOptions);
    return i.update(payload);
  });
}

/**
 * Defers the interaction (privately) unless it was answered within `afterMs`, so a slow store or
 * API never lets Discord's 3-second window close; the answer then fills in the deferred reply.
 * Returns a function that cancels the timer.
 */
export function deferWhenSlow(i: RepliableInteraction, afterMs: number): () => void {
  const timer = setTimeout(() => {
    void inTurn(i, async () => {
      if (!i.replied && !i.deferred) await i.deferReply({ flags: MessageFlags.Ephemeral });
    }).catch(() => undefined);
  }, afterMs);
  return () => clearTimeout(timer);
}
