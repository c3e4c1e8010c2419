-- replace-entry: rewrite one list entry if it is still what was read (a migration step).
-- KEYS[1] the list   ARGV[1] index   ARGV[2] entry as read   ARGV[3] entry to write
-- Reply: 1 when replaced, 0 when the list changed meanwhile (the entry is left as it is).

if redis.call('LINDEX', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('LSET', KEYS[1], ARGV[1], ARGV[3])
return 1
