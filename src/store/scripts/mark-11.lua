-- mark: apply a done or skip decided by src/progress/rules.ts: topic state, member, its review,
-- boards, undo log. Checks, then writes; it decides nothing.
-- KEYS[1] member hash        KEYS[2] member topics hash   KEYS[3] member undo log
-- KEYS[4] interaction seen   KEYS[5] board all            KEYS[6] board of the week
-- KEYS[7] board of the month KEYS[8] guild's stats of the week (HASH done -> count)
-- KEYS[9] member reviews hash  KEYS[10] member work list    KEYS[11] guild's active members (ZSET)
-- ARGV[1] member version the decision was made on
-- ARGV[2] topic id           ARGV[3] its new value ("done:<ms>" | "skip:<ms>")   ARGV[4] old field to drop, or ''
-- ARGV[5] points  ARGV[6] streak  ARGV[7] best streak  ARGV[8] last day ('' deletes)  ARGV[9] cursor ('' deletes)
-- ARGV[10] points gained (0: boards unchanged)   ARGV[11] user id
-- ARGV[12] week ttl (s)   ARGV[13] month ttl (s)   ARGV[14] seen ttl (s)
-- ARGV[15] undo entry (JSON)   ARGV[16] undo depth
-- ARGV[17] freezes held ('' deletes: none)   ARGV[18] last study instant, ms ('' deletes)
-- ARGV[19] the topic's review, "<stage>:<day>" ('' deletes: a skip has none)
-- ARGV[20] a work entry to add (JSON, '' for none; the list keeps as many as the undo log)
-- ARGV[21] now (ms): the member's last activity (the cohort's read trims old entries)
-- Reply: 'replay' when this interaction was applied already; 'stale' when the member changed since
--        the read (nothing written: decide again); 'ok'.
--@include lib/member.lua

if redis.call('EXISTS', KEYS[4]) == 1 then return 'replay' end
local version = version_of(KEYS[1])
if version ~= ARGV[1] then return 'stale' end

if ARGV[4] ~= '' then redis.call('HDEL', KEYS[2], ARGV[4]) end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
write_member(KEYS[1], version, { 'points', ARGV[5], 'streak', ARGV[6], 'bestStreak', ARGV[7], 'lastDay', ARGV[8], 'cursor', ARGV[9], 'freezes', ARGV[17], 'lastAt', ARGV[18] })
write_field(KEYS[9], ARGV[2], ARGV[19])

local gained = tonumber(ARGV[10])
if gained > 0 then
  redis.call('ZINCRBY', KEYS[5], gained, ARGV[11])
  redis.call('ZINCRBY', KEYS[6], gained, ARGV[11])
  redis.call('EXPIRE', KEYS[6], ARGV[12])
  redis.call('ZINCRBY', KEYS[7], gained, ARGV[11])
  redis.call('EXPIRE', KEYS[7], ARGV[13])
  redis.call('HINCRBY', KEYS[8], 'done', 1)
  redis.call('EXPIRE', KEYS[8], ARGV[12])
end

if ARGV[20] ~= '' then
  redis.call('LPUSH', KEYS[10], ARGV[20])
  redis.call('LTRIM', KEYS[10], 0, tonumber(ARGV[16]) - 1)
end
redis.call('ZADD', KEYS[11], ARGV[21], ARGV[11])

redis.call('LPUSH', KEYS[3], ARGV[15])
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[16]) - 1)
redis.call('SET', KEYS[4], '1', 'EX', ARGV[14])
return 'ok'
