import type { ChainableCommander } from 'ioredis';
import { ReplyError } from 'ioredis';
import { StoreUnavailableError, WriteInDoubtError } from '../errors.js';

/**
 * ioredis refuses a command before sending it while the connection is down (no offline queue);
 * anything else (a timeout, a connection lost with the command in flight, retries used up) means
 * the command may have reached Redis and run.
 */
const notSent = (error: unknown) => error instanceof Error && /enableOfflineQueue|Connection is not ready|connect ECONNREFUSED/.test(error.message);

function classify(error: unknown, write: boolean): unknown {
  if (error instanceof ReplyError) return error;
  if (write && !notSent(error)) return new WriteInDoubtError(error);
  return new StoreUnavailableError(error);
}

/**
 * Script and command errors (a bug) pass through as they are; anything else means Redis could
 * not be reached in time, which the member hears as "try again shortly".
 */
export async function guard<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw classify(error, false);
  }
}

/** As guard, for a call that changes state: a failure after sending is a WriteInDoubtError. */
export async function guardWrite<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw classify(error, true);
  }
}

export async function exec(pipeline: ChainableCommander, options: { write?: boolean } = {}): Promise<unknown[]> {
  const write = options.write ?? false;
  const results = await (write ? guardWrite(pipeline.exec()) : guard(pipeline.exec()));
  if (!results) throw classify(new Error('pipeline discarded'), write);
  return results.map(([error, value]) => {
    if (error) throw classify(error, write);
    return value;
  });
}
