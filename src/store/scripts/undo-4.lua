-- undo: revert the member's last done or skip: topic state, points, streak, boards and cursor.
-- KEYS[1] member hash   KEYS[2] member topics hash   KEYS[3] member undo log   KEYS[4] interaction seen
-- ARGV[1] seen ttl (s)
-- Reply: { 'replay' } | { 'empty' } | { 'ok', action, topicId, points taken back }
-- The board and stats keys to take back from are read from the log entry: they were built by
-- keys.ts when the points were given, and carry the same guild hash tag, so they live in this slot.

if redis.call('EXISTS', KEYS[4]) == 1 then return { 'replay' } end
local raw = redis.call('LPOP', KEYS[3])
if not raw then return { 'empty' } end
local e = cjson.decode(raw)

redis.call('HDEL', KEYS[2], e.t)
if e.prev ~= '' then redis.call('HSET', KEYS[2], e.prevField, e.prev) end

local function restore(field, value)
  if value == '' then redis.call('HDEL', KEYS[1], field) else redis.call('HSET', KEYS[1], field, value) end
end

if e.a == 'done' then
  redis.call('HINCRBY', KEYS[1], 'points', -e.pts)
  restore('streak', e.streak)
  restore('bestStreak', e.best)
  restore('lastDay', e.lastDay)
  for _, board in ipairs(e.boards) do
    local score = tonumber(redis.call('ZINCRBY', board, -e.pts, e.u))
    if score <= 0 then redis.call('ZREM', board, e.u) end
  end
  if e.stats then redis.call('HINCRBY', e.stats, 'done', -1) end
end
restore('cursor', e.cursor)

redis.call('SET', KEYS[4], '1', 'EX', ARGV[1])
return { 'ok', e.a, e.t, e.pts }
