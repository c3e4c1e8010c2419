import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Redis, Result } from 'ioredis';

const dir = fileURLToPath(new URL('./scripts/', import.meta.url));

/** Reads a Lua script file, inlining `--@include <file>` lines so scripts can share helpers. */
export function readScript(file: string): string {
  return readFileSync(dir + file, 'utf8').replace(/^--@include (\S+)$/gm, (_, include: string) => readScript(include));
}

type Arg = string | number;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    syllabotMark(...keysAndArgs: Arg[]): Result<'ok' | 'replay' | 'stale', Context>;
    syllabotUndo(...keysAndArgs: Arg[]): Result<'ok' | 'replay' | 'stale', Context>;
    syllabotAnswer(...keysAndArgs: Arg[]): Result<'ok' | 'replay' | 'stale', Context>;
    syllabotReview(...keysAndArgs: Arg[]): Result<'ok' | 'replay' | 'stale', Context>;
    syllabotClaim(due: string, lease: string, now: number, leaseMs: number, limit: number): Result<string[], Context>;
    syllabotFinish(due: string, lease: string, jobId: string, next: number | ''): Result<number, Context>;
    syllabotDropIfDue(due: string, jobId: string, dueMs: string): Result<number, Context>;
    syllabotRsvpToggle(meetup: string, rsvp: string, userId: string): Result<number[], Context>;
    syllabotMeetupCreate(meetup: string, meetups: string, id: string, startMs: number, ...fields: Arg[]): Result<number, Context>;
    syllabotHsetExisting(key: string, ...fields: Arg[]): Result<number, Context>;
    syllabotReplaceEntry(list: string, index: number, read: string, write: string): Result<number, Context>;
    syllabotPace(bucket: string, rate: number, burst: number, cost: number): Result<number, Context>;
    syllabotCooldown(uses: string, now: number, windowMs: number, limit: number, id: string): Result<number, Context>;
  }
}

/** `mark-11.lua` becomes the command `syllabotMark` with 11 keys. */
export function scriptCommand(file: string): { name: string; numberOfKeys: number } | undefined {
  const match = /^([a-z]+(?:-[a-z]+)*)-(\d+)\.lua$/.exec(file);
  if (!match) return undefined;
  const name = `syllabot${match[1]!.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase())}`;
  return { name, numberOfKeys: Number(match[2]) };
}

/**
 * Registers every script in scripts/ on a connection, named by its file (see scriptCommand).
 * ioredis sends EVALSHA and falls back to EVAL once when the server does not know the script
 * (after a restart), so each call stays one round trip.
 */
export function defineScripts(redis: Pick<Redis, 'defineCommand'>): void {
  for (const file of readdirSync(dir)) {
    const command = scriptCommand(file);
    if (command) redis.defineCommand(command.name, { numberOfKeys: command.numberOfKeys, lua: readScript(file) });
  }
}
