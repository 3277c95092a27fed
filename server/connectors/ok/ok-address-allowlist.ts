// The optional source-address allowlist of an OK group (`allowFrom` in the connectors file): OK signs nothing, so
// besides the secret in the path an administrator may say which addresses OK's webhooks come from (OK publishes its
// ranges: 217.20.145.192/28, 217.20.151.160/28, 217.20.153.48/28). Entries are IPv4 / IPv6 addresses or CIDR ranges.
//
// The address checked is the TCP peer of the request (the socket's remote address), never a header: X-Forwarded-For
// is written by whoever sends the request, so trusting it would let anyone in. A server behind a reverse proxy sees
// the proxy's address; there, leave `allowFrom` out and filter at the proxy (docs/IT.md says so).
import { BlockList, isIP } from 'node:net';

/** `a.b.c.d`, `::1`, or either with `/prefix`; undefined when valid, else why not. */
export function allowEntryProblem(entry: string): string | undefined {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return `${JSON.stringify(entry.slice(0, 60))} is not an IP address or CIDR range`;
  if (prefix === undefined) return undefined;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return `${JSON.stringify(entry.slice(0, 60))}: the prefix length must be 0–${max}`;
  return undefined;
}

export interface AddressAllowlist {
  /** Whether a request from this socket address may be taken (an IPv4-mapped IPv6 address counts as its IPv4). */
  allows(address: string | undefined): boolean;
}

/** The allowlist of validated entries (see allowEntryProblem); an empty or absent list allows every address. */
export function createAddressAllowlist(entries: readonly string[] | undefined): AddressAllowlist {
  if (entries === undefined || entries.length === 0) return { allows: () => true };
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return {
    allows(address) {
      if (address === undefined) return false;
      const family = isIP(address);
      // BlockList matches ::ffff:a.b.c.d against IPv4 entries and the other way round.
      return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
