import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Redis, Result } from 'ioredis';

const dir = fileURLToPath(new URL('./scripts/', import.meta.url));

/** Reads a Lua script file, inlining `--@include <file>` lines so scripts can share helpers. */
export function readScript(file: string): string {
  return readFileSync(dir + file, 'utf8').replace(/^--@include (\S+)$/gm, (_, include: string) => readScript(include));
}

type Arg = string | number;
type Reply = (string | number)[];

declare module 'ioredis' {
  interface RedisCommander<Context> {
    syllabotNext(member: string, topics: string, ...args: Arg[]): Result<Reply, Context>;
    syllabotRecord(...keysAndArgs: Arg[]): Result<Reply, Context>;
    syllabotUndo(member: string, topics: string, log: string, seen: string, seenTtl: number): Result<Reply, Context>;
    syllabotClaim(due: string, lease: string, now: number, leaseMs: number, limit: number): Result<string[], Context>;
    syllabotFinish(due: string, lease: string, jobId: string, next: number | ''): Result<number, Context>;
  }
}

/**
 * Registers every script on a connection. ioredis sends EVALSHA and falls back to EVAL once
 * when the server does not know the script (after a restart), so each call stays one round trip.
 */
export function defineScripts(redis: Redis): void {
  redis.defineCommand('syllabotNext', { numberOfKeys: 2, lua: readScript('next-2.lua') });
  redis.defineCommand('syllabotRecord', { numberOfKeys: 8, lua: readScript('record-8.lua') });
  redis.defineCommand('syllabotUndo', { numberOfKeys: 4, lua: readScript('undo-4.lua') });
  redis.defineCommand('syllabotClaim', { numberOfKeys: 2, lua: readScript('claim-2.lua') });
  redis.defineCommand('syllabotFinish', { numberOfKeys: 2, lua: readScript('finish-2.lua') });
}
