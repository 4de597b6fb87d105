import { describe, expect, it } from 'vitest';
import { applyMasks, maskValue } from '../../../../src/domain/reader/field-mask.js';
import { parseReaderPolicy, PolicyFormatError } from '../../../../src/domain/reader/reader-policy.js';
import { int32 } from '../../../../src/domain/reader/reader-value.js';
import { relaxedText } from '../../../../src/domain/reader/relaxed-json.js';
import { doc } from '../../../support/reader-values.js';

describe('field masks', () => {
  it('keeps the first character and the domain of an email, counting characters as code points', () => {
    expect(maskValue('ada@example.com', 'email')).toBe('a***@example.com');
    expect(maskValue('😀x@b.c', 'email')).toBe('😀***@b.c');
    expect(maskValue('a@b@c', 'email')).toBe('a***@b@c');
  });

  it('masks an email without a local part, or without an @, whole', () => {
    expect(maskValue('@example.com', 'email')).toBe('***');
    expect(maskValue('no-at-sign', 'email')).toBe('***');
    expect(maskValue('', 'email')).toBe('***');
  });

  it('keeps the last four characters, and masks four or fewer whole', () => {
    expect(maskValue('+44 20 7946 0958', 'last4')).toBe('***0958');
    expect(maskValue('12345', 'last4')).toBe('***2345');
    expect(maskValue('1234', 'last4')).toBe('***');
    expect(maskValue('ab😀😀😀😀', 'last4')).toBe('***😀😀😀😀');
  });

  it('masks any value that is not a string whole, and leaves null as null', () => {
    expect(maskValue(5551234, 'last4')).toBe('***');
    expect(maskValue(int32(7), 'email')).toBe('***');
    expect(maskValue(['a@b.c'], 'email')).toBe('***');
    expect(maskValue(doc({ a: 'b@c.d' }), 'email')).toBe('***');
    expect(maskValue(null, 'email')).toBeNull();
  });

  it('masks a document at nested paths and into arrays of documents, and adds no missing field', () => {
    const masked = applyMasks(
      doc({ email: 'a@b.c', nested: doc({ phone: '0123456789' }), list: [doc({ email: 'q@r.s' }), doc({})] }),
      [
        { path: 'email', kind: 'email' },
        { path: 'nested.phone', kind: 'last4' },
        { path: 'list.email', kind: 'email' },
        { path: 'absent', kind: 'last4' },
      ],
    );
    expect(relaxedText(masked)).toBe(
      '{"email":"a***@b.c","nested":{"phone":"***6789"},"list":[{"email":"***"},{"email":"***"}]}',
    );
  });

  it('masking a masked value changes nothing', () => {
    for (const value of ['ada@example.com', '+44 20 7946 0958', '😀x@b.c', 'short']) {
      for (const kind of ['email', 'last4'] as const)
        expect(maskValue(maskValue(value, kind), kind)).toBe(maskValue(value, kind));
    }
  });

  it('reads masks from a policy rule, and refuses an unknown kind or a masked field also pinned or hidden', () => {
    const policy = parseReaderPolicy({ rules: [{ effect: 'allow', mask: { email: 'email', phone: 'last4' } }] });
    expect(policy.rules[0]).toMatchObject({ mask: { email: 'email', phone: 'last4' } });
    const problems = (json: unknown) => {
      try {
        parseReaderPolicy(json);
        return [];
      } catch (error) {
        return error instanceof PolicyFormatError ? error.problems : [String(error)];
      }
    };
    expect(problems({ rules: [{ effect: 'allow', mask: { email: 'hash' } }] })).toEqual([
      'rules.0.mask.email: a mask is email or last4',
    ]);
    expect(problems({ rules: [{ effect: 'allow', mask: { email: 'email' }, hiddenFields: ['email'] }] })).toHaveLength(1);
    expect(problems({ rules: [{ effect: 'allow', mask: { 'a.b': 'email' }, pin: { a: 1 } }] })).toHaveLength(1);
    expect(problems({ rules: [{ effect: 'allow', mask: { a: 'email', 'a.b': 'last4' } }] })).toHaveLength(1);
  });
});
