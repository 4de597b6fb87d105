import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/domain/errors.js';
import { parseSession } from '../../../../src/domain/sessions/session.js';
import { FORBIDDEN_JSON_KEYS, parseJson } from '../../../../src/domain/shared/safe-json.js';

const forbidden = [...FORBIDDEN_JSON_KEYS];

/** The code of what parseJson throws for `text`; null when it parses. */
function refusal(text: string): string | null {
  try {
    parseJson(text);
    return null;
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
}

describe('parseJson', () => {
  it('reads what JSON.parse reads when no forbidden key is in it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        fc.pre(!forbidden.some((key) => text.includes(`"${key}"`)));
        expect(parseJson(text)).toEqual(JSON.parse(text));
      }),
    );
  });

  it('refuses __proto__, constructor and prototype as a key at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...forbidden), fc.nat(4), (value, key, depth) => {
        let nested: unknown = { [key]: value };
        for (let i = 0; i < depth; i += 1) nested = i % 2 === 0 ? [nested] : { inner: nested };
        // JSON.stringify writes `__proto__` as an own key, as a hostile client would send it.
        expect(refusal(JSON.stringify(nested))).toBe('input.forbidden_json_key');
      }),
    );
  });

  it('sees a forbidden key however it is escaped', () => {
    expect(refusal('{"\\u005f_proto__": {"admin": true}}')).toBe('input.forbidden_json_key');
    expect(refusal('{"a": [{"constr\\u0075ctor": {"prototype": {}}}]}')).toBe('input.forbidden_json_key');
  });

  it('sees a forbidden key with any of its characters escaped, in any value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...forbidden),
        fc.array(fc.boolean(), { minLength: 11, maxLength: 11 }),
        fc.jsonValue(),
        (key, escapes, value) => {
          const written = [...key]
            .map((char, i) => (escapes[i] ? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}` : char))
            .join('');
          expect(refusal(`{"value": ${JSON.stringify(value)}, "${written}": 1}`)).toBe('input.forbidden_json_key');
        },
      ),
    );
  });

  it('accepts the words as values, and keys that only contain them', () => {
    expect(parseJson('{"name": "__proto__", "my_constructor": "prototype"}')).toEqual({
      name: '__proto__',
      my_constructor: 'prototype',
    });
  });

  it('says malformed JSON without repeating the input', () => {
    try {
      parseJson('{"password": "hunter2"');
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('input.malformed_json');
      expect(String(error)).not.toContain('hunter2');
    }
  });

  it('makes a stored record with a forbidden key unreadable rather than trusted', () => {
    const session = { username: 'ada', csrfSecret: 'x', createdAt: 1, lastSeenAt: 1 };
    expect(parseSession(JSON.stringify(session))).toEqual({ ...session, floor: null, amr: ['pwd'] });
    expect(parseSession(JSON.stringify({ ...session, constructor: { prototype: { isStaff: true } } }))).toBeNull();
  });
});
