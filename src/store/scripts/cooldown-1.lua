-- cooldown: a member's recent commands, shared by every replica, for the per-member rate limit.
-- KEYS[1] the member's recent uses (ZSET id -> ms)
-- ARGV[1] now (ms)   ARGV[2] window (ms)   ARGV[3] uses allowed in a window   ARGV[4] a unique id for this use
-- Reply: 0 when this use is allowed (and counted), else the milliseconds until the oldest use leaves the window.

local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return 0
