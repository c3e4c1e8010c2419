import type { Clock } from '../../src/clock.js';

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
