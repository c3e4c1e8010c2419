-- meetup-create: store a new meetup unless its id is taken.
-- KEYS[1] meetup hash   KEYS[2] the guild's upcoming meetups (ZSET id -> start ms)
-- ARGV[1] meetup id   ARGV[2] start (ms)   ARGV[3…] field, value, … of the meetup hash
-- Reply: 1 when stored, 0 when the id is taken (nothing written).

if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return 1
