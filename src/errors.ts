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
