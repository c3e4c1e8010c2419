-- Shared by the scripts that need a member's next topic. Included with `--@include lib/pick-next.lua`.
--
-- Track orders arrive in ARGV from position `from`: the number of tracks, then per track its id and
-- its topics as one JSON array in curriculum order, each topic `[[id, alias…], [requirement…],
-- points]`. Sending them with each call keeps the rule in one atomic step without storing the
-- curriculum in Redis; only the member's own track is decoded (cjson, in C).

local ID, IDS, REQUIRES, POINTS = 1, 1, 2, 3

local function read_order(from, wanted)
  local tracks = tonumber(ARGV[from])
  for t = 0, tracks - 1 do
    if ARGV[from + 1 + 2 * t] == wanted then return cjson.decode(ARGV[from + 2 + 2 * t]) end
  end
  return {}
end

-- HGETALL reply as a Lua table.
local function hash_table(flat)
  local t = {}
  for k = 1, #flat, 2 do t[flat[k]] = flat[k + 1] end
  return t
end

-- The stored state of a topic, found under its id or any old id; returns state, field.
local function entry_state(entry, states)
  for _, id in ipairs(entry[IDS]) do
    if states[id] then return states[id], id end
  end
  return nil, nil
end

local function find_entry(order, id)
  for _, entry in ipairs(order) do
    for _, alias in ipairs(entry[IDS]) do
      if alias == id then return entry end
    end
  end
  return nil
end

-- The member's next topic: the cursor while it is on the track and still open, else the first
-- open topic in order whose prerequisites are all done or skipped. '' when none is left.
local function pick_next(order, states, cursor)
  local closed = {}
  for _, entry in ipairs(order) do
    closed[entry[IDS][ID]] = entry_state(entry, states) ~= nil
  end
  if cursor and cursor ~= '' then
    local current = find_entry(order, cursor)
    if current and not closed[current[IDS][ID]] then return current[IDS][ID] end
  end
  for _, entry in ipairs(order) do
    if not closed[entry[IDS][ID]] then
      local ready = true
      for _, req in ipairs(entry[REQUIRES]) do
        if not closed[req] then ready = false break end
      end
      if ready then return entry[IDS][ID] end
    end
  end
  return ''
end
