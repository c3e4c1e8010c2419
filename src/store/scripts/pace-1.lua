-- pace: a token bucket shared by every replica, for requests that count toward Discord's global
-- rate limit. The caller reserves `cost` tokens and waits the answered time before sending; the
-- bucket may go negative (reservations queue up), so the rate holds however many replicas ask.
-- KEYS[1] bucket hash (tokens, at)   ARGV[1] rate (tokens per second)   ARGV[2] burst   ARGV[3] cost
-- Reply: milliseconds to wait before sending (0: now). Time is the Redis server's own, so replicas
-- whose clocks disagree still share one rate.

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate, burst, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + (now - at) * rate / 1000)
tokens = tokens - cost
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], 60000)
if tokens >= 0 then return 0 end
return math.ceil(-tokens * 1000 / rate)
