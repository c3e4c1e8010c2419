-- claim: take due jobs for this scheduler instance, with a lease, atomically.
-- KEYS[1] due queue (ZSET jobId -> due ms)   KEYS[2] leases (ZSET jobId -> deadline ms)
-- ARGV[1] now (ms)   ARGV[2] lease length (ms)   ARGV[3] most jobs to take
-- Reply: flat list { jobId, dueMs, … }
-- A lease that ran out belongs to an instance that died mid-run: its job is due again at once.
-- (ZADD NX: a job rescheduled meanwhile keeps its new time.)

local now = tonumber(ARGV[1])
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
for _, job in ipairs(expired) do
  redis.call('ZADD', KEYS[1], 'NX', now, job)
  redis.call('ZREM', KEYS[2], job)
end

local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for i = 1, #due, 2 do
  redis.call('ZREM', KEYS[1], due[i])
  redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), due[i])
  out[#out + 1] = due[i]
  out[#out + 1] = due[i + 1]
end
return out
