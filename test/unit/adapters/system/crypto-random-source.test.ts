import { describe, expect, it } from 'vitest';
import { CryptoRandomSource } from '../../../../src/adapters/system/crypto-random-source.js';

describe('the random source', () => {
  it('hands out each drawn byte once: no two tokens share their bytes, across refills of its pool', () => {
    const random = new CryptoRandomSource();
    const seen = new Set<string>();
    for (let index = 0; index < 1000; index += 1) {
      const bytes = random.bytes(index % 7 === 0 ? 33 : 32);
      expect(bytes.length).toBe(index % 7 === 0 ? 33 : 32);
      seen.add(Buffer.from(bytes).toString('hex'));
    }
    expect(seen.size).toBe(1000);
  });

  it('gives bytes of their own, which later draws never change', () => {
    const random = new CryptoRandomSource();
    const first = random.bytes(32);
    const copy = Buffer.from(first);
    for (let index = 0; index < 300; index += 1) random.bytes(32);
    expect(Buffer.from(first).equals(copy)).toBe(true);
    expect(first.buffer.byteLength).toBe(32);
  });

  it('draws more than a pool at once when asked', () => {
    const bytes = new CryptoRandomSource().bytes(10_000);
    expect(bytes.length).toBe(10_000);
    expect(new Set(bytes).size).toBeGreaterThan(200);
  });

  it('looks random: each bit is set about half the time', () => {
    const random = new CryptoRandomSource();
    let ones = 0;
    const draws = 2000;
    for (let index = 0; index < draws; index += 1) {
      for (const byte of random.bytes(32)) ones += byte.toString(2).split('1').length - 1;
    }
    const bits = draws * 32 * 8;
    expect(Math.abs(ones / bits - 0.5)).toBeLessThan(0.01);
  });
});
