-- Shared by the scripts that need a member's next topic. Included with `--@include lib/pick-next.lua`.
--
-- The curriculum arrives in ARGV from position `from`: a JSON map of old ids to current ids, the
-- number of tracks, then per track its id and its topics as one string, a line per topic in
-- curriculum order: "\nid,alias…;requirement,…;points". Sending it with each call keeps the rule in
-- one atomic step without storing the curriculum in Redis. The string is scanned, not decoded:
-- members are usually early in it, and a plain find locates any one topic, so a call costs
-- microseconds instead of building a table per topic.

local function read_order(from, wanted)
  local aliases = cjson.decode(ARGV[from])
  local tracks = tonumber(ARGV[from + 1])
  for t = 0, tracks - 1 do
    if ARGV[from + 2 + 2 * t] == wanted then return ARGV[from + 3 + 2 * t], aliases end
  end
  return '', aliases
end

-- HGETALL reply as a Lua table.
local function hash_table(flat)
  local t = {}
  for k = 1, #flat, 2 do t[flat[k]] = flat[k + 1] end
  return t
end

-- The topic's line in the order, found by its current id or an old one: id, line.
local function find_topic(order, id, aliases)
  id = aliases[id] or id
  local at = string.find(order, '\n' .. id .. ';', 1, true) or string.find(order, '\n' .. id .. ',', 1, true)
  if not at then return nil, nil end
  local line = string.match(order, '^\n([^\n]*)', at)
  return id, line
end

local function points_of(line)
  return tonumber(string.match(line, ';(%d+)$'))
end

-- The stored state of a topic, under its current id or an old one: state, field.
local function topic_state(line, states)
  local ids = string.match(line, '^([^;]*)')
  for id in string.gmatch(ids, '[^,]+') do
    if states[id] then return states[id], id end
  end
  return nil, nil
end

-- The member's next topic: the cursor while it is on the track and still open, else the first
-- open topic in order whose prerequisites are all done or skipped. '' when none is left.
local function pick_next(order, aliases, states, cursor)
  local closed = {}
  for id in pairs(states) do closed[aliases[id] or id] = true end
  if cursor and cursor ~= '' then
    local id = find_topic(order, cursor, aliases)
    if id and not closed[id] then return id end
  end
  for line in string.gmatch(order, '[^\n]+') do
    local id = string.match(line, '^[^,;]+')
    if not closed[id] then
      local ready = true
      for req in string.gmatch(string.match(line, ';([^;]*);'), '[^,]+') do
        if not closed[req] then ready = false break end
      end
      if ready then return id end
    end
  end
  return ''
end
