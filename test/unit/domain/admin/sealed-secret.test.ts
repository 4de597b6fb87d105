import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seal, unseal } from '../../../../src/domain/admin/sealed-secret.js';

describe('a sealed secret', () => {
  const key = randomBytes(32);

  it('opens with its key and context, and holds no plain text', () => {
    const sealed = seal('d7228d70cd7f456d', key, randomBytes(12), 'admin\u0000key:k1');
    expect(sealed).not.toContain('d7228d70');
    expect(unseal(sealed, key, 'admin\u0000key:k1')).toBe('d7228d70cd7f456d');
  });

  it('does not open with another key, another context, or altered', () => {
    const sealed = seal('secret', key, randomBytes(12), 'ctx');
    expect(unseal(sealed, randomBytes(32), 'ctx')).toBeNull();
    expect(unseal(sealed, key, 'other')).toBeNull();
    const [iv, tag, body = ''] = sealed.split('.');
    expect(unseal([iv, tag, `${body.startsWith('A') ? 'B' : 'A'}${body.slice(1)}`].join('.'), key, 'ctx')).toBeNull();
    expect(unseal('not.sealed', key, 'ctx')).toBeNull();
    expect(unseal(sealed, key.subarray(0, 16), 'ctx')).toBeNull();
  });
});
