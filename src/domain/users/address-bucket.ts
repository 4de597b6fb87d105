/**
 * What one client's address counts as, for limits: an IPv4 address as itself, and an IPv6 address as
 * its /64 network, since a /64 is what one customer, one subnet or one host is given: whoever holds
 * one address of it holds them all. An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is its IPv4
 * address. Anything else (a name, `unknown`) is counted as written.
 */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  const groups = ipv6Groups(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** The eight groups of an IPv6 address, as lower-case hex without leading zeros; null when it is not one. */
function ipv6Groups(address: string): string[] | null {
  const bare = address.replace(/%.*$/, '');
  if (!bare.includes(':') || !/^[0-9a-f:.]+$/i.test(bare)) return null;
  const halves = bare.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const last = tail.at(-1) ?? head.at(-1);
  const embedsIpv4 = last?.includes('.') === true;
  const wanted = embedsIpv4 ? 7 : 8;
  const missing = wanted - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  const hex = embedsIpv4 ? groups.slice(0, 6) : groups;
  if (!hex.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
  return hex.map((group) => parseInt(group, 16).toString(16));
}
