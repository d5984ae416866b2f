/**
 * Which allow-list entries open up addresses the server refuses by default
 * (private, loopback, link-local, metadata). Only IP addresses and CIDR
 * ranges can be judged here: a host name's addresses are only known when
 * the server resolves it.
 */

interface Range {
  family: 4 | 6;
  first: bigint;
  last: bigint;
}

interface Reserved extends Range {
  label: string;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
  return parts.reduce((value, part) => (value << 8n) | BigInt(part), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  let address = text.toLowerCase();
  // An embedded IPv4 tail (`::ffff:10.0.0.1`) becomes two hex groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (tail) {
    const ipv4 = parseIpv4(tail[1]!);
    if (ipv4 === undefined) return undefined;
    address = `${address.slice(0, -tail[1]!.length)}${(ipv4 >> 16n).toString(16)}:${(ipv4 & 0xffffn).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return undefined;
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** An IP address or CIDR range as its first and last address; undefined for host names and malformed entries. */
export function parseRange(entry: string): Range | undefined {
  const [address = '', prefixText, extra] = entry.trim().split('/');
  if (extra !== undefined) return undefined;
  const ipv4 = parseIpv4(address);
  const family = ipv4 !== undefined ? 4 : 6;
  const value = ipv4 ?? (address.includes(':') ? parseIpv6(address) : undefined);
  if (value === undefined) return undefined;
  const bits = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
  if (!(prefix >= 0 && prefix <= bits)) return undefined;
  const hostBits = BigInt(bits - prefix);
  const first = (value >> hostBits) << hostBits;
  return { family, first, last: first + (1n << hostBits) - 1n };
}

function reserved(cidr: string, label: string): Reserved {
  return { ...parseRange(cidr)!, label };
}

/** The ranges the server refuses unless allowed, most specific first. */
const reservedRanges: readonly Reserved[] = [
  reserved('169.254.169.254', 'metadata'),
  reserved('fd00:ec2::254', 'metadata'),
  reserved('127.0.0.0/8', 'loopback'),
  reserved('::1', 'loopback'),
  reserved('10.0.0.0/8', 'private'),
  reserved('172.16.0.0/12', 'private'),
  reserved('192.168.0.0/16', 'private'),
  reserved('fc00::/7', 'private'),
  reserved('169.254.0.0/16', 'link-local'),
  reserved('fe80::/10', 'link-local'),
  reserved('100.64.0.0/10', 'shared (carrier-grade NAT)'),
  reserved('0.0.0.0/8', 'unspecified'),
  reserved('::ffff:0:0/96', 'IPv4-mapped'),
];

const reservedNames = new Set(['localhost', 'metadata', 'metadata.google.internal']);

/**
 * Why an entry is risky: the reserved ranges it overlaps (`private`,
 * `loopback`…), or undefined when it opens nothing the server refuses.
 * @example privateReason('10.1.0.0/16') // 'private'
 */
export function privateReason(entry: string): string | undefined {
  const text = entry.trim().toLowerCase();
  if (reservedNames.has(text) || text.endsWith('.localhost')) return text.startsWith('metadata') ? 'metadata' : 'loopback';
  const range = parseRange(text);
  if (!range) return undefined;
  const labels = reservedRanges
    .filter((candidate) => candidate.family === range.family && candidate.first <= range.last && range.first <= candidate.last)
    .map((candidate) => candidate.label);
  return labels.length === 0 ? undefined : [...new Set(labels)].join(', ');
}
