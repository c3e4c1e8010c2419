-- next: the member's current topic, chosen and remembered in one step.
-- KEYS[1] member hash   KEYS[2] member topics hash
-- ARGV[1] default track   ARGV[2…] track orders (see lib/pick-next.lua)
-- Reply: { track, topicId or '' when every topic on the track is closed }
--@include lib/pick-next.lua

local member = hash_table(redis.call('HGETALL', KEYS[1]))
local track = member.track or ARGV[1]
local order, aliases = read_order(2, track)
local states = hash_table(redis.call('HGETALL', KEYS[2]))
local next_id = pick_next(order, aliases, states, member.cursor)
if next_id ~= (member.cursor or '') then
  if next_id == '' then redis.call('HDEL', KEYS[1], 'cursor') else redis.call('HSET', KEYS[1], 'cursor', next_id) end
end
return { track, next_id }
