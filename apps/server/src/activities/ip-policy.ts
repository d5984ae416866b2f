import ipaddr from 'ipaddr.js';

/** A parsed IPv4 or IPv6 address (ipaddr.js). */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** Host names refused even before DNS, because they name the machine itself or a cloud metadata service. */
const blockedHostnames = new Set(['localhost', 'metadata.google.internal', 'metadata', 'instance-data']);

/** IPv6 ranges that carry an IPv4 address; the embedded address decides. */
const embeddingRanges = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052', '6to4', 'teredo']);

/** Lower-cases a host name and drops the brackets of an IPv6 literal and a trailing root dot. */
export function normalizeHostname(hostname: string): string {
  let host = hostname.trim().toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  while (host.endsWith('.')) host = host.slice(0, -1);
  return host;
}

/** True for `localhost`, `*.localhost` and well-known metadata host names. */
export function isBlockedHostname(hostname: string): boolean {
  const host = normalizeHostname(hostname);
  return blockedHostnames.has(host) || host.endsWith('.localhost');
}

/**
 * Parses an IP literal in any form ipaddr.js accepts (`2130706433`, `0x7f000001`, `0177.0.0.1`,
 * `127.1`, `::ffff:127.0.0.1`, brackets allowed); undefined for anything that is not an address.
 */
export function parseIpLiteral(value: string): IpAddress | undefined {
  const host = normalizeHostname(value);
  if (!ipaddr.isValid(host)) return undefined;
  try {
    return ipaddr.parse(host);
  } catch {
    return undefined;
  }
}

/** The IPv4 address embedded in an IPv4-mapped/translated, NAT64, 6to4 or Teredo IPv6 address. */
function embeddedIpv4(address: ipaddr.IPv6, range: string): ipaddr.IPv4[] {
  const bytes = address.toByteArray();
  const v4 = (offset: number, xor = 0) =>
    new ipaddr.IPv4(bytes.slice(offset, offset + 4).map((byte) => byte ^ xor));
  switch (range) {
    case '6to4':
      return [v4(2)];
    case 'teredo':
      // Bytes 4–7 are the Teredo server; bytes 12–15 the client address, bit-inverted.
      return [v4(4), v4(12, 0xff)];
    default:
      return [v4(12)];
  }
}

/**
 * Why `address` may not be contacted, or undefined when it is public unicast. IPv4 must be in
 * ipaddr.js's `unicast` range (so loopback, private, link-local incl. 169.254.169.254, CGNAT,
 * multicast, broadcast, reserved and 0/8 are refused). IPv6 must be global unicast (2000::/3);
 * forms embedding IPv4 (mapped, NAT64 /96, 6to4, Teredo) are judged by the embedded address.
 */
export function blockedAddressReason(address: IpAddress): string | undefined {
  if (address.kind() === 'ipv4') {
    const range = address.range();
    return range === 'unicast' ? undefined : range;
  }
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (embeddingRanges.has(range)) {
    // 64:ff9b:1::/48 is local-use NAT64 (RFC 8215): only the well-known /96 embeds a routable address.
    if (range === 'rfc6052' && v6.parts[2] !== 0) return 'rfc6052';
    for (const inner of embeddedIpv4(v6, range)) {
      const innerRange = inner.range();
      if (innerRange !== 'unicast') return `${range} (${innerRange})`;
    }
    return undefined;
  }
  if (range !== 'unicast') return range;
  // Outside 2000::/3 nothing is assigned as global unicast (covers ::a.b.c.d IPv4-compatible forms).
  const first = v6.parts[0] ?? 0;
  if ((first & 0xe000) !== 0x2000) return 'not global unicast';
  return undefined;
}

/** A compiled allow-list: exact host names and CIDR ranges permitted even if private. */
export interface AllowList {
  allowsHostname(hostname: string): boolean;
  allowsAddress(address: IpAddress): boolean;
}

/**
 * Compiles allow-list entries. An entry is a host name (exact match, case-insensitive), an IP
 * address (exactly that address) or a CIDR range (`127.0.0.1/32`, `10.0.0.0/8`, `fd00::/8`).
 * IPv4-mapped IPv6 addresses are matched against IPv4 ranges too. Unparseable entries are ignored.
 */
export function compileAllowList(entries: readonly string[]): AllowList {
  const hostnames = new Set<string>();
  const ranges: [IpAddress, number][] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.includes('/')) {
      try {
        ranges.push(ipaddr.parseCIDR(normalizeHostname(entry)));
      } catch {
        // Not a CIDR: ignore rather than widen the policy.
      }
      continue;
    }
    const literal = parseIpLiteral(entry);
    if (literal) ranges.push([literal, literal.kind() === 'ipv4' ? 32 : 128]);
    else hostnames.add(normalizeHostname(entry));
  }
  return {
    allowsHostname: (hostname) => hostnames.has(normalizeHostname(hostname)),
    allowsAddress: (address) => {
      const candidates: IpAddress[] = [address];
      if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
        candidates.push((address as ipaddr.IPv6).toIPv4Address());
      }
      return ranges.some(([network, bits]) =>
        candidates.some((candidate) => candidate.kind() === network.kind() && candidate.match(network, bits)),
      );
    },
  };
}
