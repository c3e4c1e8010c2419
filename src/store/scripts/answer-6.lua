-- answer: record a member's first answer to a self-check question, decided by
-- src/progress/self-check.ts, with the bonus it earns. Checks, then writes; it decides nothing.
-- KEYS[1] member hash   KEYS[2] member checks hash   KEYS[3] interaction seen
-- KEYS[4] board all     KEYS[5] board of the week    KEYS[6] board of the month
-- ARGV[1] member version the decision was made on
-- ARGV[2] checks field ("<topic>:<question>")   ARGV[3] first answer: '1' right | '0' wrong
-- ARGV[4] bonus points (0: points and boards unchanged)   ARGV[5] user id
-- ARGV[6] week ttl (s)   ARGV[7] month ttl (s)   ARGV[8] seen ttl (s)
-- Reply: 'replay' | 'stale' (the member changed since the read, e.g. undid the topic: nothing
--        written, decide again) | 'ok'
--@include lib/member.lua

if redis.call('EXISTS', KEYS[3]) == 1 then return 'replay' end
local version = version_of(KEYS[1])
if version ~= ARGV[1] then return 'stale' end

redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
local bonus = tonumber(ARGV[4])
if bonus > 0 then
  redis.call('HINCRBY', KEYS[1], 'points', bonus)
  redis.call('HINCRBY', KEYS[1], 'bonus', bonus)
  redis.call('ZINCRBY', KEYS[4], bonus, ARGV[5])
  redis.call('ZINCRBY', KEYS[5], bonus, ARGV[5])
  redis.call('EXPIRE', KEYS[5], ARGV[6])
  redis.call('ZINCRBY', KEYS[6], bonus, ARGV[5])
  redis.call('EXPIRE', KEYS[6], ARGV[7])
end
write_member(KEYS[1], version, {})
redis.call('SET', KEYS[3], '1', 'EX', ARGV[8])
return 'ok'
