import { describe, expect, it } from 'vitest';
import { isWellFormedNonce, nonceMemorySeconds } from '../../../../src/domain/api-auth/nonce.js';

describe('v2 nonces', () => {
  it('take at least 16 bytes of base64url', () => {
    expect(isWellFormedNonce('A'.repeat(22))).toBe(true);
    expect(isWellFormedNonce('A'.repeat(21))).toBe(false);
    expect(isWellFormedNonce(`${'A'.repeat(21)}+`)).toBe(false);
  });

  it('are remembered while their date could still pass the drift check, plus a second', () => {
    const now = 1_000_000;
    expect(nonceMemorySeconds(now, now, 300)).toBe(301);
    expect(nonceMemorySeconds(now + 300_000, now, 300)).toBe(601);
    expect(nonceMemorySeconds(now - 299_500, now, 300)).toBe(2);
  });
});
