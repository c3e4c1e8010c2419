-- drop-if-due: remove a queued job only if it is still due at the time it was read, so a job
-- rescheduled meanwhile (a group resumed, a meetup moved) is kept.
-- KEYS[1] due queue   ARGV[1] job id   ARGV[2] due time as read (ms)
-- Reply: 1 when removed, 0 when it had moved or gone.

if redis.call('ZSCORE', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('ZREM', KEYS[1], ARGV[1]) end
return 0
