-- hset-existing: set fields of a hash only while it exists, so a late write never leaves a
-- partial record behind (say, an event id saved after the meetup was cancelled).
-- KEYS[1] the hash   ARGV field, value, …
-- Reply: 1 when written, 0 when the hash is gone.

if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
