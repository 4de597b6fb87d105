/**
 * What Signet needs of Redis's memory policy. Every key it writes expires (nonces, tokens, sessions,
 * counters), so a policy that evicts, even only keys with a TTL (`volatile-*`), may drop a v2 nonce
 * before its time under memory pressure, and let the request it guards be replayed; or end sessions
 * and reset login counters early. With no memory limit (`maxmemory` 0), nothing is evicted whatever
 * the policy says.
 */
export function evictionWarning(infoMemory: string): string | null {
  const maxmemory = fieldOf(infoMemory, 'maxmemory');
  const policy = fieldOf(infoMemory, 'maxmemory_policy');
  if (maxmemory === undefined || policy === undefined) return null;
  if (Number(maxmemory) === 0 || policy === 'noeviction') return null;
  return (
    `redis evicts keys under memory pressure (maxmemory-policy ${policy}): a v2 nonce evicted early lets ` +
    'its request be replayed, and sessions and login counters may end early; set maxmemory-policy noeviction'
  );
}

/** A field of an INFO reply (`name:value` lines). */
function fieldOf(info: string, name: string): string | undefined {
  for (const line of info.split(/\r?\n/)) {
    if (line.startsWith(`${name}:`)) return line.slice(name.length + 1).trim();
  }
  return undefined;
}
