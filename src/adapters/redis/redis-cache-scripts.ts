import { RedisScript } from './redis-script.js';

/** Takes KEYS[1]; when it held a value, sets KEYS[2] to ARGV[1] for ARGV[2] seconds. Returns the taken value. */
export const exchangeScript = new RedisScript(`
local taken = redis.call('GETDEL', KEYS[1])
if taken then redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[2]) end
return taken
`);

/**
 * Increments the keys in order, giving a new counter a TTL of ARGV[1] seconds (NX: later increments
 * do not move the end of the window); ARGV[i + 1], when given, is the limit of KEYS[i]: counting
 * stops after the first key that goes over its limit. Returns count, ttl pairs, flattened.
 */
export const incrementScript = new RedisScript(`
local out = {}
for index, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  redis.call('EXPIRE', key, ARGV[1], 'NX')
  out[#out + 1] = count
  out[#out + 1] = redis.call('TTL', key)
  local limit = tonumber(ARGV[index + 1])
  if limit and count > limit then break end
end
return out
`);

/**
 * KEYS[1] holds since when the key's group has been remembered (set to ARGV[1], the first whole
 * second after now, when missing: after a data loss); KEYS[2] is the key to remember for
 * ARGV[2] seconds. Returns {since, 1 when newly remembered, 1 when `since` was missing}.
 */
export const rememberOnceScript = new RedisScript(`
local lost = redis.call('SET', KEYS[1], ARGV[1], 'NX')
local since = redis.call('GET', KEYS[1])
local fresh = redis.call('SET', KEYS[2], '1', 'EX', ARGV[2], 'NX')
return {since, fresh and 1 or 0, lost and 1 or 0}
`);
