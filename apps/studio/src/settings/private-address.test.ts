import { describe, expect, it } from 'vitest';
import { parseRange, privateReason } from './private-address.ts';

describe('privateReason', () => {
  it('flags private, loopback, link-local and metadata addresses and ranges', () => {
    expect(privateReason('10.0.0.0/8')).toBe('private');
    expect(privateReason('192.168.1.20')).toBe('private');
    expect(privateReason('172.20.0.0/16')).toBe('private');
    expect(privateReason('127.0.0.1')).toBe('loopback');
    expect(privateReason('localhost')).toBe('loopback');
    expect(privateReason('::1')).toBe('loopback');
    expect(privateReason('fd00::/8')).toBe('metadata, private');
    expect(privateReason('fc00::/16')).toBe('private');
    expect(privateReason('fe80::1')).toBe('link-local');
    expect(privateReason('169.254.169.254')).toBe('metadata, link-local');
    expect(privateReason('::ffff:10.0.0.1')).toBe('IPv4-mapped');
  });

  it('flags a wide range that contains reserved ones', () => {
    expect(privateReason('0.0.0.0/0')).toContain('private');
    expect(privateReason('8.0.0.0/5')).toBe('private');
  });

  it('leaves public addresses and host names alone', () => {
    expect(privateReason('93.184.216.34')).toBeUndefined();
    expect(privateReason('api.example.com')).toBeUndefined();
    expect(privateReason('*.example.com')).toBeUndefined();
    expect(privateReason('2001:db8::/32')).toBeUndefined();
  });
});

describe('parseRange', () => {
  it('reads addresses and CIDR ranges, and refuses malformed ones', () => {
    expect(parseRange('10.0.0.0/8')).toEqual({ family: 4, first: 0x0a000000n, last: 0x0affffffn });
    expect(parseRange('::1')).toEqual({ family: 6, first: 1n, last: 1n });
    expect(parseRange('10.0.0.0/33')).toBeUndefined();
    expect(parseRange('300.1.1.1')).toBeUndefined();
    expect(parseRange('example.com')).toBeUndefined();
    expect(parseRange('1::2::3')).toBeUndefined();
  });
});
