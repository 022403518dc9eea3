// The breaker state machine of routing/breaker.ts, run atomically in Redis over the outcomes every instance
// sends, so failures seen by any instance count towards one circuit. One call carries a batch of circuits.
//   KEYS[i]  hash of circuit i: st (0 closed, 1 open), oa (opened at, ms), ps (half-open successes),
//            hd (newest bucket index), r<index>/f<index> (requests/failures per bucket of window_ms / 10)
//   KEYS[n+1] set of every circuit key (read when an instance (re)connects)
//   ARGV     now, channel, then per circuit: requests, failures, window_ms, min_requests, failure_rate,
//            open_ms, half_open_probes, label ("vendor" or "vendor|model")
// Open turns half-open by time alone (now - oa >= open_ms), so nobody has to write it. In half-open a failure
// re-opens and half_open_probes successes close with a fresh window. Each transition to open or closed is
// PUBLISHed as "label\nstate\nopened_at". The reply is, per circuit, {st, oa} with st 2 for half-open.
export const BREAKER_LUA = `
local now = tonumber(ARGV[1])
local channel = ARGV[2]
local n = #KEYS - 1
local out = {}
local a = 3
for i = 1, n do
  local key = KEYS[i]
  local req = tonumber(ARGV[a])
  local fail = tonumber(ARGV[a + 1])
  local windowMs = tonumber(ARGV[a + 2])
  local minReq = tonumber(ARGV[a + 3])
  local rate = tonumber(ARGV[a + 4])
  local openMs = tonumber(ARGV[a + 5])
  local probes = tonumber(ARGV[a + 6])
  local label = ARGV[a + 7]
  a = a + 8
  local h = redis.call('HMGET', key, 'st', 'oa', 'ps', 'hd')
  local st = tonumber(h[1]) or 0
  local oa = tonumber(h[2]) or 0
  local ps = tonumber(h[3]) or 0
  local hd = tonumber(h[4]) or -1
  local bucketMs = windowMs / 10
  local idx = math.floor(now / bucketMs)
  local halfOpen = st == 1 and now - oa >= openMs
  local function clearBuckets()
    if hd >= 0 then
      for j = hd - 9, hd do redis.call('HDEL', key, 'r' .. j, 'f' .. j) end
    end
    hd = -1
  end
  local function publish(state)
    redis.call('PUBLISH', channel, label .. '\\n' .. state .. '\\n' .. oa)
  end
  if st == 0 then
    if hd >= 0 and idx > hd then
      for j = hd - 9, math.min(hd, idx - 10) do redis.call('HDEL', key, 'r' .. j, 'f' .. j) end
    end
    if idx > hd then hd = idx end
    redis.call('HINCRBY', key, 'r' .. hd, req)
    redis.call('HINCRBY', key, 'f' .. hd, fail)
    if fail > 0 then
      local total, failed = 0, 0
      for j = hd - 9, hd do
        local v = redis.call('HMGET', key, 'r' .. j, 'f' .. j)
        total = total + (tonumber(v[1]) or 0)
        failed = failed + (tonumber(v[2]) or 0)
      end
      if total >= minReq and failed / total >= rate then
        st, oa, ps = 1, now, 0
        clearBuckets()
        publish('open')
      end
    end
  elseif halfOpen then
    if fail > 0 then
      st, oa, ps = 1, now, 0
      halfOpen = false
      publish('open')
    elseif req > 0 then
      ps = ps + req
      if ps >= probes then
        st, ps = 0, 0
        halfOpen = false
        clearBuckets()
        publish('closed')
      end
    end
  end
  redis.call('HSET', key, 'st', st, 'oa', oa, 'ps', ps, 'hd', hd)
  redis.call('PEXPIRE', key, 2 * (windowMs + openMs) + 86400000)
  redis.call('SADD', KEYS[n + 1], key)
  out[i] = { halfOpen and 2 or st, oa }
end
redis.call('PEXPIRE', KEYS[n + 1], 7 * 86400000)
return out
`;
