import type { ChainableCommander } from 'ioredis';
import { ReplyError } from 'ioredis';
import { StoreUnavailableError } from '../errors.js';

/**
 * Script and command errors (a bug) pass through as they are; anything else means Redis could
 * not be reached in time, which the member hears as "try again shortly".
 */
export async function guard<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ReplyError) throw error;
    throw new StoreUnavailableError(error);
  }
}

export async function exec(pipeline: ChainableCommander): Promise<unknown[]> {
  const results = await guard(pipeline.exec());
  if (!results) throw new StoreUnavailableError(new Error('pipeline discarded'));
  return results.map(([error, value]) => {
    if (error) throw error instanceof ReplyError ? error : new StoreUnavailableError(error);
    return value;
  });
}
