/** The only place that reads the wall clock; logic receives a Clock so tests can move time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
