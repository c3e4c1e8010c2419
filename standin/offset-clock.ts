import type { Clock } from '../src/clock.js';

/** Real time, shifted: the demo and playground move it forward to show what the scheduler does. */
export class OffsetClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}
