import { describe, expect, it } from 'vitest';
import { signUrlV1 } from '../../../src/client/sign-v1.js';
import { parseV1Request } from '../../../src/domain/api-auth/canonical-request-v1.js';
import { v1SignedForm } from '../../../src/domain/api-auth/signature-v1.js';

const apiKey = '483a570a';
const secretKey = 'd7228d70cd7f456d9bfdc35ed8fee375';
const timestamp = 1795867200;

/** What the server does with the path and query it receives. */
function verifies(pathAndQuery: string, body = ''): boolean {
  const request = parseV1Request(pathAndQuery);
  const { signature } = request.parameters;
  return signature !== undefined && v1SignedForm([secretKey], request, signature, Buffer.from(body)) !== null;
}

describe('signUrlV1', () => {
  it('appends timestamp, apikey and signature in the order of dj-api-auth’s JavaScript client', () => {
    const url = signUrlV1({ apiKey, secretKey, url: '/api/hello/', timestamp });
    expect(url).toMatch(/^\/api\/hello\/\?timestamp=1795867200&apikey=483a570a&signature=[\w%]+$/);
  });

  it('makes a URL the domain’s v1 check accepts', () => {
    expect(verifies(signUrlV1({ apiKey, secretKey, url: '/api/hello/', timestamp }))).toBe(true);
  });

  it('signs the body after the path and query', () => {
    const url = signUrlV1({ apiKey, secretKey, url: '/api/goodbye/', timestamp, body: 'see you' });
    expect(verifies(url, 'see you')).toBe(true);
    expect(verifies(url, 'see you!')).toBe(false);
  });

  it('keeps an existing query in front of its own parameters', () => {
    const url = signUrlV1({ apiKey, secretKey, url: '/api/hello/?lang=en&flag', timestamp });
    expect(url.startsWith('/api/hello/?lang=en&flag&timestamp=')).toBe(true);
    expect(verifies(url)).toBe(true);
  });

  it('signs the path and query in the form fetch sends them', () => {
    const url = signUrlV1({ apiKey, secretKey, url: '/api/hello/?name=a b#part', timestamp });
    expect(url.startsWith('/api/hello/?name=a%20b&')).toBe(true);
    expect(verifies(url)).toBe(true);
  });

  it('keeps the origin of an absolute URL and signs only its path and query', () => {
    const url = signUrlV1({ apiKey, secretKey, url: 'http://localhost:3000/api/hello/', timestamp });
    expect(url.startsWith('http://localhost:3000/api/hello/?')).toBe(true);
    expect(verifies(url.slice('http://localhost:3000'.length))).toBe(true);
  });

  it('percent-encodes the base64 signature', () => {
    const url = signUrlV1({ apiKey, secretKey, url: '/api/goodbye/', timestamp, body: '{"message":"see you"}' });
    expect(url.endsWith('&signature=IjXLNTByB%2Bec6L1%2Bf%2FuWCQgcKcgkkefAvSOrDagZIqQ%3D')).toBe(true);
  });

  it('writes a fractional timestamp to the millisecond', () => {
    const url = signUrlV1({ apiKey, secretKey, url: '/api/hello/', timestamp: 1795867200.1234 });
    expect(url).toContain('timestamp=1795867200.123&');
  });
});
