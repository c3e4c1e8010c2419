-- Shared by the scripts that change a member. Included with `--@include lib/member.lua`.

-- The member's version as stored; a member written before versions existed is at 0.
local function version_of(member_key)
  return redis.call('HGET', member_key, 'v') or '0'
end

-- Sets one field of a hash; an empty value deletes it.
local function write_field(key, field, value)
  if value == '' then
    redis.call('HDEL', key, field)
  else
    redis.call('HSET', key, field, value)
  end
end

-- Writes the member's decided fields and bumps the version; an empty value deletes the field.
local function write_member(member_key, version, fields)
  for i = 1, #fields, 2 do
    write_field(member_key, fields[i], fields[i + 1])
  end
  redis.call('HSET', member_key, 'v', tonumber(version) + 1)
end
