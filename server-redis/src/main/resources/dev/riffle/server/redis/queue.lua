-- Riffle's shared queue: one concurrency group, every operation atomic (Redis runs one script at a time), so
-- nodes admitting at the same instant never admit more than the limit.
-- KEYS: 1 line (zset: session -> join order), 2 slots (zset: session -> lease expiry, ms), 3 wlease (zset: waiting
--       session -> lease expiry, ms), 4 info (hash: session -> node), 5 since (hash: session -> admitted at, ms),
--       6 seq (counter), 7 limit (string; -1 = unlimited), 8 holds (list: the last 20 slot holds, ms)
-- ARGV: 1 operation, 2 lease (ms), 3 channel prefix (+ node id = the node's channel), then the operation's own
local line, slots, wlease, info, since, seq, limitKey, holds = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6],
    KEYS[7], KEYS[8]
local op, lease, channel = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local function forget(s)
  redis.call('ZREM', line, s)
  redis.call('ZREM', slots, s)
  redis.call('ZREM', wlease, s)
  redis.call('HDEL', info, s)
  redis.call('HDEL', since, s)
end

local function recordHold(s)
  local at = redis.call('HGET', since, s)
  if at then
    redis.call('LPUSH', holds, now - tonumber(at))
    redis.call('LTRIM', holds, 0, 19)
  end
end

-- slots and places whose node stopped renewing them (it crashed, or lost Redis for longer than a lease)
local function reclaim()
  for _, s in ipairs(redis.call('ZRANGEBYSCORE', slots, '-inf', now)) do
    recordHold(s)
    forget(s)
  end
  for _, s in ipairs(redis.call('ZRANGEBYSCORE', wlease, '-inf', now)) do
    forget(s)
  end
end

local function limit()
  local l = redis.call('GET', limitKey)
  if not l then
    return 1
  end
  return tonumber(l)
end

-- the front of the line into free slots; each admitted session's node hears of it on its channel
local function admit()
  local l = limit()
  while l < 0 or redis.call('ZCARD', slots) < l do
    local first = redis.call('ZRANGE', line, 0, 0)
    if #first == 0 then
      break
    end
    local s = first[1]
    redis.call('ZREM', line, s)
    redis.call('ZREM', wlease, s)
    redis.call('ZADD', slots, now + lease, s)
    redis.call('HSET', since, s, now)
    local node = redis.call('HGET', info, s)
    if node then
      redis.call('PUBLISH', channel .. node, 'admitted ' .. s)
    end
  end
end

-- 0 = holds a slot, n > 0 = place in line, -1 = not in the queue
local function state(s)
  if redis.call('ZSCORE', slots, s) then
    return 0
  end
  local r = redis.call('ZRANK', line, s)
  if r then
    return r + 1
  end
  return -1
end

local function meanHold()
  local h = redis.call('LRANGE', holds, 0, -1)
  if #h == 0 then
    return -1
  end
  local sum = 0
  for _, v in ipairs(h) do
    sum = sum + tonumber(v)
  end
  return math.floor(sum / #h)
end

local function enqueue(s, node)
  local n = redis.call('INCR', seq)
  redis.call('ZADD', line, n, s)
  redis.call('ZADD', wlease, now + lease, s)
  redis.call('HSET', info, s, node)
end

if op == 'define' then
  redis.call('SET', limitKey, ARGV[4])
  reclaim()
  admit()
  return {}
elseif op == 'join' then
  local s, node, maxQueue = ARGV[4], ARGV[5], tonumber(ARGV[6])
  reclaim()
  if redis.call('HEXISTS', info, s) == 1 then
    return {'duplicate'}
  end
  local l = limit()
  local free = l < 0 or redis.call('ZCARD', slots) < l
  if not free and redis.call('ZCARD', line) >= maxQueue then
    return {'full'}
  end
  enqueue(s, node)
  admit()
  return {'ok', state(s), limit(), meanHold()}
elseif op == 'leave' then
  local s = ARGV[4]
  if redis.call('ZSCORE', slots, s) then
    recordHold(s)
  end
  forget(s)
  reclaim()
  admit()
  return {}
elseif op == 'expire' then
  local s, node = ARGV[4], ARGV[5]
  if not redis.call('ZSCORE', slots, s) then
    return {state(s)}
  end
  recordHold(s)
  redis.call('ZREM', slots, s)
  redis.call('HDEL', since, s)
  enqueue(s, node)
  reclaim()
  admit()
  return {state(s)}
elseif op == 'renew' then
  -- ARGV: 4 node, 5 the group's limit (as the node is configured: put back after Redis lost it), 6 how many
  -- admitted sessions follow, then the admitted, then the waiting ones
  local node, nAdmitted = ARGV[4], tonumber(ARGV[6])
  redis.call('SET', limitKey, ARGV[5])
  for i = 7, #ARGV do
    local s = ARGV[i]
    if redis.call('ZSCORE', slots, s) then
      redis.call('ZADD', slots, now + lease, s)
      redis.call('HSET', info, s, node)
    elseif i < 7 + nAdmitted then
      -- a slot Redis lost (a restart without persistence): this node still serves the session, so it holds one
      redis.call('ZADD', slots, now + lease, s)
      redis.call('HSET', since, s, now)
      redis.call('HSET', info, s, node)
    elseif redis.call('ZSCORE', line, s) then
      redis.call('ZADD', wlease, now + lease, s)
    else
      enqueue(s, node) -- a place Redis lost: back in line
    end
  end
  reclaim()
  admit()
  local out = {limit(), meanHold(), redis.call('ZCARD', slots), redis.call('ZCARD', line)}
  for i = 7, #ARGV do
    out[#out + 1] = state(ARGV[i])
  end
  return out
elseif op == 'counts' then
  return {redis.call('ZCARD', slots), redis.call('ZCARD', line)}
elseif op == 'close' then
  -- ARGV: 4.. the closing node's sessions
  for i = 4, #ARGV do
    local s = ARGV[i]
    if redis.call('ZSCORE', slots, s) then
      recordHold(s)
    end
    forget(s)
  end
  reclaim()
  admit()
  return {}
end
return redis.error_reply('unknown operation ' .. tostring(op))
