-- rsvp-toggle: add the member to a meetup's RSVPs, or take them off if they are on it.
-- KEYS[1] meetup hash   KEYS[2] meetup RSVP set
-- ARGV[1] user id
-- Reply: { going (1 | 0), how many are going }, or { -1 } when the meetup no longer exists.

if redis.call('EXISTS', KEYS[1]) == 0 then return { -1 } end
local going = 1
if redis.call('SREM', KEYS[2], ARGV[1]) == 1 then going = 0 else redis.call('SADD', KEYS[2], ARGV[1]) end
return { going, redis.call('SCARD', KEYS[2]) }
