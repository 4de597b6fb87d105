import { describe, expect, it } from 'vitest';
import { signHeadersV2 } from '../../../src/client/sign-v2.js';
import { parseV2Authorization } from '../../../src/domain/api-auth/authorization-header.js';
import { v2SignatureMatches } from '../../../src/domain/api-auth/signature-v2.js';

const apiKey = '483a570a';
const secretKey = 'd7228d70cd7f456d9bfdc35ed8fee375';
const date = '20261128T120000Z';
const nonce = 'AAECAwQFBgcICQoLDA0ODw';

/** What the server does with the request it receives. */
function verifies(method: string, pathAndQuery: string, received: Record<string, string>, body = ''): boolean {
  const headers = new Map(Object.entries(received).map(([name, value]) => [name.toLowerCase(), value]));
  const auth = parseV2Authorization(headers.get('authorization')!);
  if (!auth) return false;
  const parts = {
    method,
    rawUrl: pathAndQuery,
    headers: (name: string) => headers.get(name),
    signedHeaders: auth.signedHeaders,
    body,
  };
  return v2SignatureMatches([secretKey], headers.get('x-signet-date')!, parts, auth.signature);
}

describe('signHeadersV2', () => {
  it('returns the date, the nonce and the Authorization header', () => {
    const headers = signHeadersV2({ apiKey, secretKey, method: 'GET', url: 'http://localhost:3000/api/hello/', date, nonce });
    expect(headers['X-Signet-Date']).toBe(date);
    expect(headers['X-Signet-Nonce']).toBe(nonce);
    expect(headers.Authorization).toMatch(
      /^SIGNET-HMAC-SHA256 Credential=483a570a, SignedHeaders=host;x-signet-date;x-signet-nonce, Signature=[0-9a-f]{64}$/,
    );
  });

  it('makes headers the domain’s v2 check accepts', () => {
    const signed = signHeadersV2({ apiKey, secretKey, method: 'GET', url: 'http://localhost:3000/api/hello/', date, nonce });
    expect(verifies('GET', '/api/hello/', { host: 'localhost:3000', ...signed })).toBe(true);
  });

  it('signs the method', () => {
    const signed = signHeadersV2({ apiKey, secretKey, method: 'GET', url: 'http://localhost:3000/api/goodbye/', date, nonce });
    expect(verifies('POST', '/api/goodbye/', { host: 'localhost:3000', ...signed })).toBe(false);
  });

  it('signs the body', () => {
    const url = 'http://localhost:3000/api/goodbye/';
    const signed = signHeadersV2({ apiKey, secretKey, method: 'POST', url, body: 'see you', date, nonce });
    expect(verifies('POST', '/api/goodbye/', { host: 'localhost:3000', ...signed }, 'see you')).toBe(true);
    expect(verifies('POST', '/api/goodbye/', { host: 'localhost:3000', ...signed }, 'see you!')).toBe(false);
  });

  it('signs the extra headers it is given, by lower-case name', () => {
    const extra = { 'Content-Type': 'application/json' };
    const url = 'http://localhost:3000/api/goodbye/';
    const signed = signHeadersV2({ apiKey, secretKey, method: 'POST', url, date, nonce, headers: extra });
    expect(signed.Authorization).toContain('SignedHeaders=content-type;host;x-signet-date;x-signet-nonce,');
    expect(verifies('POST', '/api/goodbye/', { host: 'localhost:3000', ...extra, ...signed })).toBe(true);
    expect(verifies('POST', '/api/goodbye/', { host: 'localhost:3000', 'Content-Type': 'text/plain', ...signed })).toBe(false);
  });

  it('signs the host with its port, and without a default one', () => {
    const withPort = signHeadersV2({ apiKey, secretKey, method: 'GET', url: 'http://signet.test:8080/api/hello/', date, nonce });
    expect(verifies('GET', '/api/hello/', { host: 'signet.test:8080', ...withPort })).toBe(true);
    const defaultPort = signHeadersV2({
      apiKey,
      secretKey,
      method: 'GET',
      url: 'https://signet.test:443/api/hello/',
      date,
      nonce,
    });
    expect(verifies('GET', '/api/hello/', { host: 'signet.test', ...defaultPort })).toBe(true);
  });

  it('does not depend on how the query is encoded or ordered on the wire', () => {
    const url = 'http://localhost:3000/api/hello/?b=2&a=x y';
    const signed = signHeadersV2({ apiKey, secretKey, method: 'GET', url, date, nonce });
    expect(verifies('GET', '/api/hello/?a=x+y&b=2', { host: 'localhost:3000', ...signed })).toBe(true);
  });
});
