import { describe, expect, it } from 'vitest';
import { activeSecrets } from '../../../../src/domain/api-auth/api-credential.js';
import { createCredential, rotateSecret } from '../../../../src/domain/api-auth/credential-factory.js';
import type { RandomSource } from '../../../../src/domain/shared/random-source.port.js';

const counting: RandomSource = {
  bytes: (length) => Uint8Array.from({ length }, (_, i) => i + 1),
};

describe('credentials', () => {
  it('have a 64-bit API key and a 256-bit SEC key', () => {
    const credential = createCredential(counting, 0).credential;
    expect(credential.apiKey).toMatch(/^[0-9a-f]{16}$/);
    expect(credential.secretKeys[0]?.value).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keep the previous SEC key active for the grace period after a rotation, and no longer', () => {
    const original = createCredential(counting, 0).credential;
    const rotated = rotateSecret(original, 'new-secret', 1000, 60);
    expect(activeSecrets(rotated, 1000)).toEqual(['new-secret', original.secretKeys[0]?.value]);
    expect(activeSecrets(rotated, 61_001)).toEqual(['new-secret']);
  });

  it('never keep more than two active SEC keys', () => {
    let credential = createCredential(counting, 0).credential;
    credential = rotateSecret(credential, 'second', 0, 60);
    credential = rotateSecret(credential, 'third', 0, 60);
    expect(activeSecrets(credential, 0)).toEqual(['third', 'second']);
  });
});
