-- review: reschedule (or graduate) a topic's review after the member took it, as decided by
-- src/progress/review.ts. Checks, then writes; it decides nothing.
-- KEYS[1] member hash   KEYS[2] member reviews hash   KEYS[3] interaction seen
-- ARGV[1] member version the decision was made on   ARGV[2] topic field
-- ARGV[3] its next review, "<stage>:<day>" ('' deletes: graduated)   ARGV[4] seen ttl (s)
-- Reply: 'replay' | 'stale' (the member changed since the read: nothing written) | 'ok'
--@include lib/member.lua

if redis.call('EXISTS', KEYS[3]) == 1 then return 'replay' end
local version = version_of(KEYS[1])
if version ~= ARGV[1] then return 'stale' end

write_field(KEYS[2], ARGV[2], ARGV[3])
write_member(KEYS[1], version, {})
redis.call('SET', KEYS[3], '1', 'EX', ARGV[4])
return 'ok'
