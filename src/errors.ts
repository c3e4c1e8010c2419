/** A problem the member can fix; the router answers it as a friendly ephemeral message. */
export class UserError extends Error {
  override name = 'UserError';
}

/** Redis could not be reached in time; the member is asked to try again shortly. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(cause: unknown) {
    super('the study store is unavailable', { cause });
  }
}

/**
 * A write reached Redis (or may have) but no answer came back in time: it may have been applied.
 * Never answered with "nothing was changed"; see ProgressService for how a learning write waits for
 * the truth, and the router for what the member is told when it cannot be known.
 */
export class WriteInDoubtError extends Error {
  override name = 'WriteInDoubtError';
  constructor(cause: unknown) {
    super('a write to the study store got no answer in time', { cause });
  }
}
