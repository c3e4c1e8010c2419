/**
 * Every Redis key Syllabot uses is built here and nowhere else.
 * Per-guild keys carry the guild as a hash tag (`{g:<id>}`), so all of a guild's keys share one
 * Redis Cluster slot and one Lua script may touch them together.
 */
export type Keys = ReturnType<typeof createKeys>;

export function createKeys(prefix: string) {
  const guild = (guildId: string) => `${prefix}:{g:${guildId}}`;
  const member = (guildId: string, userId: string) => `${guild(guildId)}:member:${userId}`;
  return {
    prefix,
    /** HASH track, points, bonus, streak, bestStreak, lastDay, lastAt, freezes, cursor, hidden ('1': /privacy), v (version, bumped by every change) */
    member,
    /** HASH topicId -> "done:<ms>" | "skip:<ms>" */
    memberTopics: (guildId: string, userId: string) => `${member(guildId, userId)}:topics`,
    /** HASH topicId -> "<stage>:<due day>": the topic's next spaced review (progress/review.ts) */
    memberReviews: (guildId: string, userId: string) => `${member(guildId, userId)}:reviews`,
    /** HASH "<topicId>:<question>" -> "1" | "0": the member's first answer to a self-check question, right or wrong */
    memberChecks: (guildId: string, userId: string) => `${member(guildId, userId)}:checks`,
    /** LIST of JSON entries (progress/undo-entry.ts), newest first, for /undo */
    memberLog: (guildId: string, userId: string) => `${member(guildId, userId)}:log`,
    /** ZSET use id -> ms: the member's commands in the last 10 s, for the shared rate limit */
    memberCooldown: (guildId: string, userId: string) => `${member(guildId, userId)}:cooldown`,
    /** LIST of JSON work entries (progress/evidence.ts), newest first: links the member gave with /done */
    memberWork: (guildId: string, userId: string) => `${member(guildId, userId)}:work`,
    /** ZSET member -> ms of their last done or skip: who the cohort view lists (progress/cohort.ts) */
    activeMembers: (guildId: string) => `${guild(guildId)}:active`,
    /** SET of members who hide from the boards and the cohort view (/privacy; also `hidden` in their member hash) */
    privateMembers: (guildId: string) => `${guild(guildId)}:private`,
    /** STRING, short-lived: an interaction id already applied, so a replayed delivery counts once */
    interactionSeen: (guildId: string, interactionId: string) => `${guild(guildId)}:seen:${interactionId}`,
    /** ZSET member -> points, all time */
    boardAll: (guildId: string) => `${guild(guildId)}:board:all`,
    /** ZSET member -> points in an ISO week such as 2026-W48 (expires after 120 days) */
    boardWeek: (guildId: string, week: string) => `${guild(guildId)}:board:week:${week}`,
    /** ZSET member -> points in a calendar month such as 2026-11 (expires after 400 days) */
    boardMonth: (guildId: string, month: string) => `${guild(guildId)}:board:month:${month}`,
    /** HASH channelId, time, tz, track, paused, pauseReason, cursor, boards ('off': the server turned its boards off) */
    group: (guildId: string) => `${guild(guildId)}:group`,
    /** HASH done -> topics the guild finished in an ISO week (expires after 120 days) */
    groupWeekStats: (guildId: string, week: string) => `${guild(guildId)}:stats:week:${week}`,
    /** HASH title, start, minutes, channelId, createdBy, eventId */
    meetup: (guildId: string, meetupId: string) => `${guild(guildId)}:meetup:${meetupId}`,
    /** SET of members who said they are coming */
    meetupRsvp: (guildId: string, meetupId: string) => `${guild(guildId)}:meetup:${meetupId}:rsvp`,
    /** ZSET meetupId -> start (ms): the guild's upcoming meetups */
    meetups: (guildId: string) => `${guild(guildId)}:meetups`,
    /** ZSET jobId -> due time (ms). One hash tag for the scheduler so its scripts touch one slot. */
    schedDue: () => `${prefix}:{sched}:due`,
    /** ZSET jobId -> lease deadline (ms) of jobs being run */
    schedLease: () => `${prefix}:{sched}:lease`,
    /** HASH tokens, at: the token bucket pacing scheduled posts under Discord's global limit (store/pacer.ts) */
    postBucket: () => `${prefix}:{sched}:pace`,
    /** SET of guild ids that have had jobs queued: where reconcile looks for settings that want jobs */
    schedGuilds: () => `${prefix}:{sched}:guilds`,
    /** Every guild's settings and meetups match these (reconcile finds them at start). */
    groupPattern: () => `${prefix}:{g:*}:group`,
    meetupsPattern: () => `${prefix}:{g:*}:meetups`,
    /** The guild a per-guild key belongs to. */
    guildOf: (key: string) => /:\{g:(\d+)\}:/.exec(key)?.[1],
    /** STRING: a random marker of this store; when it vanishes, the data went with it (store/identity.ts) */
    storeIdentity: () => `${prefix}:{meta}:identity`,
    /** STRING: the layout version of the data under this prefix (store/migrations.ts) */
    schemaVersion: () => `${prefix}:{meta}:schema`,
    /** Every member's undo log matches this pattern (migrations scan for it). */
    memberLogPattern: () => `${prefix}:{g:*}:member:*:log`,
    /** Every key of a guild matches this pattern (used by tests and data export). */
    guildPattern: (guildId: string) => `${guild(guildId)}:*`,
  };
}

/**
 * Every key that belongs to one member alone: what /forget-me deletes. A new per-member key goes
 * here too, or the erase would leave it behind (tests/store/forget.test.ts lists a member's keys
 * before and after).
 */
export function ownKeysOf(keys: Keys, guildId: string, userId: string): string[] {
  return [
    keys.member(guildId, userId),
    keys.memberTopics(guildId, userId),
    keys.memberReviews(guildId, userId),
    keys.memberChecks(guildId, userId),
    keys.memberLog(guildId, userId),
    keys.memberCooldown(guildId, userId),
    keys.memberWork(guildId, userId),
  ];
}

export const BOARD_TTL_SECONDS = { week: 120 * 86_400, month: 400 * 86_400 } as const;
export const SEEN_TTL_SECONDS = 15 * 60;
export const UNDO_DEPTH = 50;
/** Activity older than this leaves the cohort index when the view is next read (it shows 14 days). */
export const ACTIVE_KEEP_MS = 30 * 86_400_000;
