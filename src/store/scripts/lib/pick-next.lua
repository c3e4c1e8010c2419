-- Shared by the scripts that need a member's next topic. Included with `--@include lib/pick-next.lua`.
--
-- Track orders arrive in ARGV from position `from`: the number of tracks, then per track its id,
-- the number of entries and the entries themselves, each "id alias…;requirement…;points" in
-- curriculum order. Sending them with each call keeps the rule in one atomic step without storing the
-- curriculum in Redis.

local function read_orders(from)
  local orders = {}
  local i = from
  local tracks = tonumber(ARGV[i])
  i = i + 1
  for _ = 1, tracks do
    local track, n = ARGV[i], tonumber(ARGV[i + 1])
    i = i + 2
    local list = {}
    for j = 1, n do
      local ids, reqs, points = string.match(ARGV[i + j - 1], '^([^;]*);([^;]*);(%d+)$')
      local entry = { ids = {}, requires = {}, points = tonumber(points) }
      for word in string.gmatch(ids, '%S+') do entry.ids[#entry.ids + 1] = word end
      for word in string.gmatch(reqs, '%S+') do entry.requires[#entry.requires + 1] = word end
      entry.id = entry.ids[1]
      list[j] = entry
    end
    orders[track] = list
    i = i + n
  end
  return orders
end

-- HGETALL reply as a Lua table.
local function hash_table(flat)
  local t = {}
  for k = 1, #flat, 2 do t[flat[k]] = flat[k + 1] end
  return t
end

-- The stored state of an entry, found under its id or any old id; returns state, field.
local function entry_state(entry, states)
  for _, id in ipairs(entry.ids) do
    if states[id] then return states[id], id end
  end
  return nil, nil
end

local function find_entry(order, id)
  for _, entry in ipairs(order) do
    for _, alias in ipairs(entry.ids) do
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
    closed[entry.id] = entry_state(entry, states) ~= nil
  end
  if cursor and cursor ~= '' then
    local current = find_entry(order, cursor)
    if current and not closed[current.id] then return current.id end
  end
  for _, entry in ipairs(order) do
    if not closed[entry.id] then
      local ready = true
      for _, req in ipairs(entry.requires) do
        if not closed[req] then ready = false break end
      end
      if ready then return entry.id end
    end
  end
  return ''
end
