-- record: mark a topic done or skipped, with points, streak, boards and the undo log, atomically.
-- KEYS[1] member hash        KEYS[2] member topics hash   KEYS[3] member undo log
-- KEYS[4] interaction seen   KEYS[5] board all            KEYS[6] board this week
-- KEYS[7] board this month   KEYS[8] guild's stats this week (HASH done -> count)
-- ARGV[1] 'done' | 'skip'    ARGV[2] topic id, '' for the member's current topic
-- ARGV[3] now (ms)           ARGV[4] today (local date)   ARGV[5] yesterday
-- ARGV[6] user id            ARGV[7] week board ttl (s)   ARGV[8] month board ttl (s)
-- ARGV[9] seen ttl (s)       ARGV[10] undo depth          ARGV[11] default track
-- ARGV[12…] track orders, which carry each topic's points (see lib/pick-next.lua)
-- Reply: { 'replay' } when this interaction was applied already;
--        { 'finished' } when no topic is left to mark;
--        { 'off-track', topicId } when the topic is not on the member's track;
--        { 'already', topicId, 'done' | 'skip' } when nothing changed;
--        { 'ok', topicId, nextId, points, streak, bestStreak, gained }
--@include lib/pick-next.lua

if redis.call('EXISTS', KEYS[4]) == 1 then return { 'replay' } end

local action = ARGV[1]
local now, today, yesterday, user = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local member = hash_table(redis.call('HGETALL', KEYS[1]))
local track = member.track or ARGV[11]
local order, aliases = read_order(12, track)
local states = hash_table(redis.call('HGETALL', KEYS[2]))

local topic_id = ARGV[2]
if topic_id == '' then
  topic_id = pick_next(order, aliases, states, member.cursor)
  if topic_id == '' then return { 'finished' } end
end
local found, line = find_topic(order, topic_id, aliases)
if not found then return { 'off-track', topic_id } end
topic_id = found

local previous, previous_field = topic_state(line, states)
local previous_kind = previous and string.match(previous, '^(%a+):') or nil
if previous_kind == 'done' or (action == 'skip' and previous_kind == 'skip') then
  return { 'already', topic_id, previous_kind }
end

local log = {
  a = action, t = topic_id, u = user, ts = now,
  prevField = previous_field or '', prev = previous or '',
  cursor = member.cursor or '', streak = member.streak or '', best = member.bestStreak or '',
  lastDay = member.lastDay or '', pts = 0, boards = {},
}

if previous_field and previous_field ~= topic_id then redis.call('HDEL', KEYS[2], previous_field) end
if previous_field then states[previous_field] = nil end
local value = action .. ':' .. now
redis.call('HSET', KEYS[2], topic_id, value)
states[topic_id] = value

local points = tonumber(member.points or '0')
local streak = tonumber(member.streak or '0')
local best = tonumber(member.bestStreak or '0')
local gained = 0
if action == 'done' then
  gained = points_of(line)
  points = points + gained
  if member.lastDay ~= today then
    if member.lastDay == yesterday then streak = streak + 1 else streak = 1 end
  end
  if streak > best then best = streak end
  redis.call('HSET', KEYS[1], 'points', points, 'streak', streak, 'bestStreak', best, 'lastDay', today)
  redis.call('ZINCRBY', KEYS[5], gained, user)
  redis.call('ZINCRBY', KEYS[6], gained, user)
  redis.call('EXPIRE', KEYS[6], ARGV[7])
  redis.call('ZINCRBY', KEYS[7], gained, user)
  redis.call('EXPIRE', KEYS[7], ARGV[8])
  redis.call('HINCRBY', KEYS[8], 'done', 1)
  redis.call('EXPIRE', KEYS[8], ARGV[7])
  log.pts = gained
  log.boards = { KEYS[5], KEYS[6], KEYS[7] }
  log.stats = KEYS[8]
end

local next_id = pick_next(order, aliases, states, member.cursor)
if next_id == '' then redis.call('HDEL', KEYS[1], 'cursor') else redis.call('HSET', KEYS[1], 'cursor', next_id) end

redis.call('LPUSH', KEYS[3], cjson.encode(log))
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[10]) - 1)
redis.call('SET', KEYS[4], '1', 'EX', ARGV[9])
return { 'ok', topic_id, next_id, points, streak, best, gained }
