import type { Clock } from '../clock.js';

/**
 * Per-member rate limit for commands and buttons: at most `limit` in any `windowMs` (0: none). Kept in
 * process (a guild's interactions reach one shard), so it costs no Redis round trip; memory stays
 * bounded because idle members are swept out.
 */
export class Cooldown {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly limit = 5,
    private readonly windowMs = 10_000,
  ) {}

  /** Milliseconds the member must wait, or 0 when this use is allowed (and counted). */
  take(key: string): number {
    if (this.limit === 0) return 0;
    const now = this.clock.now();
    const since = now - this.windowMs;
    const times = (this.recent.get(key) ?? []).filter((t) => t > since);
    if (times.length >= this.limit) {
      this.recent.set(key, times);
      return times[0]! + this.windowMs - now;
    }
    times.push(now);
    this.recent.set(key, times);
    if (this.recent.size > 10_000) this.sweep(since);
    return 0;
  }

  private sweep(since: number): void {
    for (const [key, times] of this.recent) if (times.every((t) => t <= since)) this.recent.delete(key);
  }
}
