import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localNext, MAX_NEXT_LENGTH } from '../../../../src/domain/sso-client/local-next.js';
import { propertyRuns } from '../../../support/property-runs.js';

describe('localNext', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    for (const path of ['/', '/reports/', '/reports/?year=2026&q=a%20b', '/a/b#part', '/%2F%2Fencoded', '/ünïcode/']) {
      expect(localNext(path)).toBe(path);
    }
  });

  it('sends anything that could lead elsewhere to /', () => {
    for (const hostile of [
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example',
      'http:evil.example',
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      ' /reports/',
      '/reports/ ',
      '/\u0000',
      '/\u007f',
      '/\u2028/evil.example',
      '',
      `/${'a'.repeat(MAX_NEXT_LENGTH)}`,
    ]) {
      expect(localNext(hostile), JSON.stringify(hostile)).toBe('/');
    }
    expect(localNext(undefined)).toBe('/');
    expect(localNext(null)).toBe('/');
  });

  it('answers a value that a browser resolves against the site to a URL on the site', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const kept = localNext(text);
        expect(new URL(kept, 'https://app.example').origin).toBe('https://app.example');
      }),
      { numRuns: propertyRuns(2000) },
    );
  });
});
