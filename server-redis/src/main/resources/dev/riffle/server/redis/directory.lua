-- Riffle's session directory: which node holds which session, and each node's address and load.
-- KEYS: 1 nodes (hash: node -> "<address> <streaming> <draining 0|1> <reported at, ms>"), 2 the cluster key (the
--       secret on forwarded requests), then the operation's own
-- ARGV: 1 operation, 2 node id, 3 lease (ms), then the operation's own
local nodes, clusterKey, op, node, lease = KEYS[1], KEYS[2], ARGV[1], ARGV[2], tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

-- claim: KEYS[3] an owner key; it is this node's unless another node holds it
if op == 'claim' then
  local held = redis.call('GET', KEYS[3])
  if held and held ~= node then
    return {0, held}
  end
  redis.call('SET', KEYS[3], node, 'PX', lease)
  return {1, node}
end

-- release: KEYS[3..] owner keys, deleted where this node holds them
if op == 'release' then
  for i = 3, #KEYS do
    if redis.call('GET', KEYS[i]) == node then
      redis.call('DEL', KEYS[i])
    end
  end
  return {1}
end

-- owner: KEYS[3] an owner key -> {node, its entry} or {}
if op == 'owner' then
  local held = redis.call('GET', KEYS[3])
  if not held then
    return {}
  end
  return {held, redis.call('HGET', nodes, held) or ''}
end

-- renew: ARGV 4 address, 5 streaming, 6 draining, 7 this node's cluster key (set again after Redis lost it); KEYS[3..]
-- this node's owner keys, leases renewed (or set again after Redis lost them) -> {1, the cluster key kept}
if op == 'renew' then
  redis.call('SET', clusterKey, ARGV[7], 'NX')
  redis.call('HSET', nodes, node, ARGV[4] .. ' ' .. ARGV[5] .. ' ' .. ARGV[6] .. ' ' .. now)
  for i = 3, #KEYS do
    if redis.call('GET', KEYS[i]) == node then
      redis.call('PEXPIRE', KEYS[i], lease)
    else
      redis.call('SET', KEYS[i], node, 'PX', lease, 'NX')
    end
  end
  return {1, redis.call('GET', clusterKey)}
end

-- nodes: {now, node, entry, node, entry, ...}; entries older than two leases are dropped
if op == 'nodes' then
  local out = {now}
  local all = redis.call('HGETALL', nodes)
  for i = 1, #all, 2 do
    local at = tonumber(string.match(all[i + 1], '(%d+)$') or '0')
    if now - at > 2 * lease then
      redis.call('HDEL', nodes, all[i])
    else
      table.insert(out, all[i])
      table.insert(out, all[i + 1])
    end
  end
  return out
end

-- leave: this node's entry goes (it stops)
if op == 'leave' then
  redis.call('HDEL', nodes, node)
  return {1}
end

return redis.error_reply('unknown operation ' .. op)
