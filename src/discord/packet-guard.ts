import type { Client } from 'discord.js';
import type { Logger } from '../log.js';

interface Packet {
  t?: string;
  d?: { id?: unknown; type?: unknown; data?: unknown; member?: unknown; user?: unknown; guild_id?: unknown };
}

/** Interaction types that carry `data`: commands, components, autocomplete, modals. */
const NEEDS_DATA = new Set([2, 3, 4, 5]);

/** What is wrong with an interaction Discord should never have sent, or undefined. */
export function malformedInteraction(packet: Packet): string | undefined {
  const d = packet.d;
  if (!d || typeof d !== 'object') return 'no payload';
  if (typeof d.id !== 'string') return 'no id';
  if (NEEDS_DATA.has(Number(d.type)) && (!d.data || typeof d.data !== 'object')) return 'no data';
  if (!d.member && !d.user) return 'neither member nor user';
  return undefined;
}

/**
 * One bad gateway event costs that event, not the process: discord.js builds structures from
 * packets inside the WebSocket handler, where a throw would end the bot. Malformed interactions are
 * dropped with one log line; any other throw while handling a packet is logged with the event name.
 */
export function guardPackets(client: Client, log: Logger): void {
  const ws = client.ws as unknown as { handlePacket(packet?: Packet, shard?: unknown): boolean };
  const handle = ws.handlePacket.bind(ws);
  ws.handlePacket = (packet, shard) => {
    if (packet?.t === 'INTERACTION_CREATE') {
      const problem = malformedInteraction(packet);
      if (problem) {
        log.warn({ event: packet.t, interactionId: typeof packet.d?.id === 'string' ? packet.d.id : undefined, problem }, 'malformed gateway event dropped');
        return true;
      }
    }
    try {
      return handle(packet, shard);
    } catch (error) {
      log.error({ event: packet?.t, err: error }, 'gateway event could not be handled; dropped');
      return true;
    }
  };
}
