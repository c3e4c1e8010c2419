-- undo: apply the undo of the member's last done or skip, decided by src/progress/rules.ts.
-- Checks, then writes; it decides nothing.
-- KEYS[1] member hash        KEYS[2] member topics hash   KEYS[3] member undo log
-- KEYS[4] interaction seen   KEYS[5] board all            KEYS[6] board of the entry's week
-- KEYS[7] board of the entry's month   KEYS[8] guild's stats of the entry's week
-- KEYS[9] member reviews hash   KEYS[10] member work list
-- ARGV[1] member version the decision was made on   ARGV[2] the log entry being undone, as read
-- ARGV[3] topic field to remove   ARGV[4] field to restore, or ''   ARGV[5] value to restore
-- ARGV[6] points  ARGV[7] streak  ARGV[8] best streak  ARGV[9] last day ('' deletes)  ARGV[10] cursor ('' deletes)
-- ARGV[11] points to take back from the boards (0: none)   ARGV[12] user id   ARGV[13] seen ttl (s)
-- ARGV[14] freezes held ('' deletes)   ARGV[15] last study instant ('' deletes)
-- ARGV[16] the topic's review to put back ('' deletes)   ARGV[17] the work entry the done added ('' none)
-- Reply: 'replay' | 'stale' (the member or the log changed since the read: nothing written) | 'ok'
-- A board or stats key that has expired since is left alone, never recreated below zero.
--@include lib/member.lua

if redis.call('EXISTS', KEYS[4]) == 1 then return 'replay' end
local version = version_of(KEYS[1])
if version ~= ARGV[1] or redis.call('LINDEX', KEYS[3], 0) ~= ARGV[2] then return 'stale' end

redis.call('LPOP', KEYS[3])
redis.call('HDEL', KEYS[2], ARGV[3])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[2], ARGV[4], ARGV[5]) end
write_member(KEYS[1], version, { 'points', ARGV[6], 'streak', ARGV[7], 'bestStreak', ARGV[8], 'lastDay', ARGV[9], 'cursor', ARGV[10], 'freezes', ARGV[14], 'lastAt', ARGV[15] })
write_field(KEYS[9], ARGV[3], ARGV[16])
if ARGV[17] ~= '' then redis.call('LREM', KEYS[10], 1, ARGV[17]) end

local taken = tonumber(ARGV[11])
if taken > 0 then
  for k = 5, 7 do
    local score = redis.call('ZSCORE', KEYS[k], ARGV[12])
    if score then
      if tonumber(score) - taken <= 0 then redis.call('ZREM', KEYS[k], ARGV[12]) else redis.call('ZINCRBY', KEYS[k], -taken, ARGV[12]) end
    end
  end
  local done = tonumber(redis.call('HGET', KEYS[8], 'done') or '0')
  if done > 1 then redis.call('HINCRBY', KEYS[8], 'done', -1) elseif done == 1 then redis.call('DEL', KEYS[8]) end
end

redis.call('SET', KEYS[4], '1', 'EX', ARGV[13])
return 'ok'
