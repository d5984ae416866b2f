import { describe, expect, it } from 'vitest';
import { blockedAddressReason, compileAllowList, isBlockedHostname, parseIpLiteral } from './ip-policy.ts';

const reason = (address: string) => {
  const parsed = parseIpLiteral(address);
  if (!parsed) throw new Error(`not an address: ${address}`);
  return blockedAddressReason(parsed);
};

describe('ip-policy', () => {
  it('parses odd IPv4 literal forms to the same address', () => {
    for (const form of ['2130706433', '0177.0.0.1', '0x7f000001', '127.1', '[::ffff:127.0.0.1]']) {
      expect(reason(form)).toBeDefined();
    }
    expect(parseIpLiteral('example.com')).toBeUndefined();
  });

  it('allows public unicast IPv4 and global IPv6, including NAT64/6to4 of public addresses', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:2800:220:1:248:1893:25c8:1946', '64:ff9b::5db8:d822', '2002:5db8:d822::1', '::ffff:93.184.216.34']) {
      expect(reason(address), address).toBeUndefined();
    }
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.100.100.200', 'carrierGradeNat'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:10.0.0.1', 'ipv4Mapped (private)'],
    ['::ffff:0:7f00:1', 'rfc6145 (loopback)'],
    ['64:ff9b::a9fe:a9fe', 'rfc6052 (linkLocal)'],
    ['64:ff9b:1::1', 'rfc6052'],
    ['2002:c0a8:0101::1', '6to4 (private)'],
    ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'teredo (private)'],
    ['::7f00:1', 'not global unicast'],
    ['2001:db8::1', 'reserved'],
  ])('refuses %s (%s)', (address, expected) => {
    expect(reason(address)).toBe(expected);
  });

  it('recognises blocked host names', () => {
    expect(isBlockedHostname('LocalHost.')).toBe(true);
    expect(isBlockedHostname('a.b.localhost')).toBe(true);
    expect(isBlockedHostname('metadata.google.internal')).toBe(true);
    expect(isBlockedHostname('localhost.example.com')).toBe(false);
  });

  it('compiles host names, single addresses and CIDR ranges', () => {
    const allow = compileAllowList(['Intranet.Example.', '127.0.0.1/32', '10.0.0.0/8', 'fd00::5', 'not a cidr/99', '']);
    expect(allow.allowsHostname('intranet.example')).toBe(true);
    expect(allow.allowsHostname('other.example')).toBe(false);
    const addr = (value: string) => parseIpLiteral(value)!;
    expect(allow.allowsAddress(addr('127.0.0.1'))).toBe(true);
    expect(allow.allowsAddress(addr('::ffff:127.0.0.1'))).toBe(true);
    expect(allow.allowsAddress(addr('127.0.0.2'))).toBe(false);
    expect(allow.allowsAddress(addr('10.200.0.1'))).toBe(true);
    expect(allow.allowsAddress(addr('fd00::5'))).toBe(true);
    expect(allow.allowsAddress(addr('fd00::6'))).toBe(false);
  });
});
