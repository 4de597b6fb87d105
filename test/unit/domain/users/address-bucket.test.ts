import { describe, expect, it } from 'vitest';
import { addressBucket } from '../../../../src/domain/users/address-bucket.js';

describe('what an address counts as for limits', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(addressBucket('192.0.2.1')).toBe('192.0.2.1');
  });

  it('counts an IPv6 address as its /64, however it is written', () => {
    const bucket = '2001:db8:0:1::/64';
    for (const address of [
      '2001:db8:0:1::1',
      '2001:0db8:0000:0001:ffff:ffff:ffff:ffff',
      '2001:DB8:0:1:0:0:0:2',
      '2001:db8::1:1:2:3:4',
    ]) {
      expect(addressBucket(address), address).toBe(bucket);
    }
    expect(addressBucket('2001:db8:0:2::1')).not.toBe(bucket);
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(addressBucket('::ffff:192.0.2.1')).toBe('192.0.2.1');
  });

  it('counts anything else as written', () => {
    for (const odd of ['unknown', '1:2:3', '2001:db8::1::2', '12345::1', 'gggg::1', '']) expect(addressBucket(odd)).toBe(odd);
  });
});
