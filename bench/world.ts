/** The world every bot is measured in, shared by the orchestrator and the driver process. */
export const GUILDS = 1_000;
export const MEMBERS_PER_GUILD = 100;

/** What the answer must look like for the run to count (a wrong or error answer measures nothing). */
export type Expect = 'any' | 'card' | 'public';

export interface RunArgs {
  world: string;
  command: string;
  count: number;
  inFlight: number;
  /** Member of the n-th interaction: memberAt(firstMember + n), modulo `members` when given. */
  firstMember: number;
  members?: number;
  expect: Expect;
}

export interface RunResult {
  count: number;
  seconds: number;
  /** Answers per second in the steady state (the opening burst and the final drain left out). */
  rate: number;
  /** Milliseconds from sending INTERACTION_CREATE to the callback POST arriving, per interaction. */
  latencies: number[];
  /** CPU this driver process used during the run, as a share of one core. */
  driverCpu: number;
  unexpected: number;
  sample?: unknown;
}

