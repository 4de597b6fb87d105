import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/domain/reader/query-permissioning.js';
import { maskValue } from '../../../src/domain/reader/field-mask.js';
import { parseReaderPolicy } from '../../../src/domain/reader/reader-policy.js';
import { parseJson } from '../../../src/domain/shared/safe-json.js';

const doc = readFileSync(new URL('../../../docs/reader.md', import.meta.url), 'utf8');

/** The text of a section, from its heading to the next heading of its level. */
function section(title: string): string {
  const start = doc.indexOf(`## ${title}\n`);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

describe('docs/reader.md', () => {
  it("masking's policy example is a policy Signet reads, masking what the section says", () => {
    const masking = section('Masking');
    const json = /```json\n([\s\S]*?)\n```/.exec(masking)?.[1] ?? '';
    const policy = parseReaderPolicy(parseJson(json));
    const decision = decide(policy, {
      user: {
        username: 'sam',
        email: 'sam@example.com',
        isStaff: false,
        isSuperuser: false,
        groups: ['support'],
        attributes: {},
      },
      namespace: { database: 'shop', collection: 'customers' },
      command: 'find',
    });
    expect(decision).toMatchObject({
      allowed: true,
      permit: {
        masks: [
          { path: 'email', kind: 'email' },
          { path: 'phone', kind: 'last4' },
          { path: 'billing.email', kind: 'email' },
        ],
      },
    });
  });

  it("masking's table shows what each kind makes of its examples", () => {
    expect(section('Masking')).toContain(
      '| `email` | the first character, `***`, and everything from the first `@` | `a***@example.com` |',
    );
    expect(maskValue('ada.lovelace@example.com', 'email')).toBe('a***@example.com');
    expect(section('Masking')).toContain('| `last4` | `***` and the last four characters | `***0958` |');
    expect(maskValue('+44 20 7946 0958', 'last4')).toBe('***0958');
  });

  it('names the setting that makes Signet answer pages written for dj-mongo-reader', () => {
    expect(section('Pages written for dj-mongo-reader')).toContain('READER_COMPAT=dj-mongo-reader');
  });
});
