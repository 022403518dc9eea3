// The Lua scripts behind RedisCounters. Redis runs each one alone, so a check and the change it guards are one step
// for every instance sharing the Redis. Money is integer nano-USD; integers are passed through string.format('%d')
// so a large one is never written in exponent form. A reservation is `id|estimate` in each of its budgets' ZSETs,
// scored by expiry; every reserve sweeps the expired members of the budgets it touches.

/** the level a budget reached: the same arithmetic as thresholdLevel() in cost/counters.ts */
const LEVEL = `
local function level(used, limit, thresholds)
  if limit <= 0 then return 0 end
  local l = 0
  for t in string.gmatch(thresholds, '[^,]+') do
    t = tonumber(t)
    if used >= limit * t / 100 and t > l then l = t end
  end
  return l
end
local function estimate_of(member)
  return tonumber(string.match(member, '|(%-?%d+)$'))
end
`;

/**
 * KEYS: reservation, then per budget its hash and its ZSET.
 * ARGV: now, estimate, expiresAt, forgetAt, member, n, seeded check (1|0), then per budget: limit, block (1|0),
 * keepUntil, thresholds ('50,80,100').
 * Returns {-1} for a duplicate id, {-2, i, ...} for budgets whose total is missing (never rebuilt from the store since
 * Redis lost it or the period began; only with the check on), {0, i, remaining} for a refusal by budget i, or
 * {1, i, from, to, used, ...} per budget whose threshold level rose.
 */
export const RESERVE_LUA = `${LEVEL}
local now, est = tonumber(ARGV[1]), tonumber(ARGV[2])
local n = tonumber(ARGV[6])
if redis.call('EXISTS', KEYS[1]) == 1 then return {-1} end
if ARGV[7] == '1' then
  local unseeded = {-2}
  for i = 1, n do
    if redis.call('HEXISTS', KEYS[2 * i], 'seeded') == 0 then table.insert(unseeded, i) end
  end
  if #unseeded > 1 then return unseeded end
end
local used, alerted = {}, {}
for i = 1, n do
  local h, z = KEYS[2 * i], KEYS[2 * i + 1]
  local expired = redis.call('ZRANGEBYSCORE', z, '-inf', now, 'LIMIT', 0, 1000)
  if #expired > 0 then
    local freed = 0
    for _, m in ipairs(expired) do
      freed = freed + estimate_of(m)
      redis.call('ZREM', z, m)
    end
    redis.call('HINCRBY', h, 'reserved', string.format('%d', -freed))
  end
  local v = redis.call('HMGET', h, 'spent', 'reserved', 'alerted')
  used[i] = (tonumber(v[1]) or 0) + (tonumber(v[2]) or 0)
  alerted[i] = tonumber(v[3]) or 0
  local limit = tonumber(ARGV[8 + 4 * (i - 1)])
  if ARGV[9 + 4 * (i - 1)] == '1' and used[i] + est > limit then
    return {0, i, string.format('%d', limit - used[i])}
  end
end
local out, keys = {1}, {}
for i = 1, n do
  local h, z = KEYS[2 * i], KEYS[2 * i + 1]
  local base = 8 + 4 * (i - 1)
  redis.call('HINCRBY', h, 'reserved', ARGV[2])
  redis.call('ZADD', z, ARGV[3], ARGV[5])
  redis.call('PEXPIREAT', h, ARGV[base + 2])
  redis.call('PEXPIREAT', z, ARGV[base + 2])
  local l = level(used[i] + est, tonumber(ARGV[base]), ARGV[base + 3])
  if l > alerted[i] then
    redis.call('HSET', h, 'alerted', l)
    table.insert(out, i); table.insert(out, alerted[i]); table.insert(out, l)
    table.insert(out, string.format('%d', used[i] + est))
  end
  table.insert(keys, h); table.insert(keys, z)
end
redis.call('HSET', KEYS[1], 'member', ARGV[5], 'keys', table.concat(keys, '\\n'))
redis.call('PEXPIREAT', KEYS[1], ARGV[4])
return out
`;

/**
 * KEYS: reservation, then per budget its hash and its ZSET. ARGV: actual (nano-USD), graceMs.
 * Takes the estimate out of reserved where it is still held, adds the actual to spent. Returns 0 for an unknown id.
 */
export const SETTLE_LUA = `${LEVEL}
local member = redis.call('HGET', KEYS[1], 'member')
if not member then return 0 end
redis.call('DEL', KEYS[1])
local est = estimate_of(member)
for i = 2, #KEYS, 2 do
  if redis.call('ZREM', KEYS[i + 1], member) == 1 then
    redis.call('HINCRBY', KEYS[i], 'reserved', string.format('%d', -est))
  end
  if ARGV[1] ~= '0' then
    redis.call('HINCRBY', KEYS[i], 'spent', ARGV[1])
    if redis.call('PTTL', KEYS[i]) == -1 then redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
  end
end
return 1
`;

/**
 * KEYS: per budget its hash. ARGV: per budget the store's total (nano-USD) and keepUntil.
 * Adds the store's total to a budget that was not rebuilt yet and marks it rebuilt; a budget another instance rebuilt
 * first is left alone. A settle that landed in between stays added: counted twice errs toward refusing early.
 */
export const SEED_LUA = `
for i = 1, #KEYS do
  if redis.call('HEXISTS', KEYS[i], 'seeded') == 0 then
    redis.call('HINCRBY', KEYS[i], 'spent', ARGV[2 * i - 1])
    redis.call('HSET', KEYS[i], 'seeded', 1)
    redis.call('PEXPIREAT', KEYS[i], ARGV[2 * i])
  end
end
return 1
`;

/**
 * KEYS: the window's hash. ARGV: requests, tokens, rpm ('' = none), tpm ('' = none), ttlMs.
 * Returns {over (0 | 1 requests | 2 tokens), requests, tokens} after the hit.
 */
export const RATE_LUA = `
local v = redis.call('HMGET', KEYS[1], 'r', 't')
local r, t = tonumber(v[1]) or 0, tonumber(v[2]) or 0
local req, tok = tonumber(ARGV[1]), tonumber(ARGV[2])
local over = 0
if req > 0 and ARGV[3] ~= '' and r + req > tonumber(ARGV[3]) then
  over = 1
elseif tok > 0 and ARGV[4] ~= '' and t + tok > tonumber(ARGV[4]) then
  over = 2
end
if over == 0 and (req ~= 0 or tok ~= 0) then
  r = r + req
  t = math.max(0, t + tok)
  redis.call('HSET', KEYS[1], 'r', string.format('%d', r), 't', string.format('%d', t))
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
end
return {over, string.format('%d', r), string.format('%d', t)}
`;
