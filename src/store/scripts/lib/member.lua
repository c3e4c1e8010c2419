-- Shared by the scripts that change a member. Included with `--@include lib/member.lua`.

-- The member's version as stored; a member written before versions existed is at 0.
local function version_of(member_key)
  return redis.call('HGET', member_key, 'v') or '0'
end

-- Writes the member's decided fields and bumps the version; an empty value deletes the field.
local function write_member(member_key, version, fields)
  for i = 1, #fields, 2 do
    if fields[i + 1] == '' then
      redis.call('HDEL', member_key, fields[i])
    else
      redis.call('HSET', member_key, fields[i], fields[i + 1])
    end
  end
  redis.call('HSET', member_key, 'v', tonumber(version) + 1)
end
