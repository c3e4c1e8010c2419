-- finish: release a job's lease and schedule its next run, atomically.
-- KEYS[1] due queue   KEYS[2] leases
-- ARGV[1] jobId   ARGV[2] next due (ms), or '' when the job is over
-- Reply: 1 when this instance still held the lease, 0 when it had expired (another may run it).

local held = redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[2] ~= '' then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
end
return held
