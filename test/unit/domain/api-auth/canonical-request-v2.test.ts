import { describe, expect, it } from 'vitest';
import {
  canonicalPath,
  canonicalQuery,
  canonicalRequestV2,
  normalizeSignedHeaders,
  stringToSignV2,
} from '../../../../src/domain/api-auth/canonical-request-v2.js';
import { sha256Hex } from '../../../../src/domain/api-auth/hmac.js';

const headers: Record<string, string> = {
  host: 'example.test:3000',
  'x-signet-date': '20261128T120000Z',
  'x-signet-nonce': 'AAAAAAAAAAAAAAAAAAAAAA',
  'content-type': '  application/json ',
};

describe('protocol v2 canonical request', () => {
  it('encodes each path segment the same however it arrived', () => {
    expect(canonicalPath('/a b/~x/%7Ey')).toBe('/a%20b/~x/~y');
    expect(canonicalPath('/a%20b/%7ex')).toBe('/a%20b/~x');
    expect(canonicalPath("/it's/(1)*!")).toBe('/it%27s/%281%29%2A%21');
  });

  it('sorts query pairs by name, keeping the values of one name in the order sent, and encodes them per RFC 3986', () => {
    expect(canonicalQuery('b=2&a=z&a=y&c=a+b&d&e=%2B')).toBe('a=z&a=y&b=2&c=a%20b&d=&e=%2B');
  });

  it('tells apart the same values of one name in another order', () => {
    expect(canonicalQuery('role=user&role=admin')).toBe('role=user&role=admin');
    expect(canonicalQuery('role=admin&role=user')).toBe('role=admin&role=user');
  });

  it('always signs host, date and nonce, lower-cased and sorted', () => {
    expect(normalizeSignedHeaders(['Content-Type', 'host'])).toEqual(['content-type', 'host', 'x-signet-date', 'x-signet-nonce']);
  });

  it('lays the canonical request out line by line', () => {
    const canonical = canonicalRequestV2({
      method: 'post',
      rawUrl: '/api/goodbye/?z=1&a=2',
      headers: (name) => headers[name],
      signedHeaders: ['content-type'],
      body: '{"a":1}',
    });
    expect(canonical).toBe(
      [
        'POST',
        '/api/goodbye/',
        'a=2&z=1',
        'content-type:application/json',
        'host:example.test:3000',
        'x-signet-date:20261128T120000Z',
        'x-signet-nonce:AAAAAAAAAAAAAAAAAAAAAA',
        '',
        'content-type;host;x-signet-date;x-signet-nonce',
        sha256Hex('{"a":1}'),
      ].join('\n'),
    );
  });

  it('hashes the empty string when there is no body', () => {
    const canonical = canonicalRequestV2({
      method: 'GET',
      rawUrl: '/',
      headers: (name) => headers[name],
      signedHeaders: [],
      body: '',
    });
    expect(canonical.endsWith('\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBe(true);
  });

  it('builds the string to sign from the algorithm, the date and the hash of the canonical request', () => {
    expect(stringToSignV2('20261128T120000Z', 'abc')).toBe(`SIGNET-HMAC-SHA256\n20261128T120000Z\n${sha256Hex('abc')}`);
  });
});
