import { describe, expect, it } from 'vitest';
import { formatV2Authorization } from '../../../../src/domain/api-auth/authorization-header.js';
import { normalizeSignedHeaders } from '../../../../src/domain/api-auth/canonical-request-v2.js';
import { revoked } from '../../../../src/domain/api-auth/credential-factory.js';
import { parseSignedRequest } from '../../../../src/domain/api-auth/parsed-signed-request.js';
import type { SignedRequest } from '../../../../src/domain/api-auth/signed-request.js';
import { judgeNonce, verifySignedRequest, type Verdict } from '../../../../src/domain/api-auth/signature-verifier.js';
import { signV1 } from '../../../../src/domain/api-auth/signature-v1.js';
import { signV2 } from '../../../../src/domain/api-auth/signature-v2.js';
import { formatBasicIsoDate } from '../../../../src/domain/api-auth/timestamps.js';
import { aCredential } from '../../../support/credential-mother.js';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const SECRET = 'sec-plain-current';
const KEY = 'AK-plain-0001';
const NONCE = 'AAECAwQFBgcICQoLDA0ODw';
const credential = aCredential({ apiKey: KEY, secretKeys: [{ value: SECRET, createdAt: 0, expiresAt: null }] });

function v1(query: string, options: { secret?: string; apiKey?: string; timestamp?: string; body?: string } = {}): SignedRequest {
  const unsigned = `/api/hello/?${query}${query ? '&' : ''}apikey=${options.apiKey ?? KEY}&timestamp=${options.timestamp ?? String(NOW / 1000)}`;
  const signature = encodeURIComponent(signV1(options.secret ?? SECRET, unsigned, options.body ?? ''));
  return {
    method: 'GET',
    rawUrl: `${unsigned}&signature=${signature}`,
    headers: {},
    body: Buffer.from(options.body ?? ''),
    entryPoint: 'GET /api/hello/',
    address: null,
  };
}

function v2(rawUrl: string, options: { secret?: string; date?: number; sentUrl?: string } = {}): SignedRequest {
  const date = formatBasicIsoDate(options.date ?? NOW);
  const headers = { host: 'localhost:3000', 'x-signet-date': date, 'x-signet-nonce': NONCE };
  const signedHeaders = normalizeSignedHeaders(Object.keys(headers));
  const signature = signV2(options.secret ?? SECRET, date, {
    method: 'GET',
    rawUrl,
    headers: (name) => headers[name as keyof typeof headers],
    signedHeaders,
    body: '',
  });
  return {
    method: 'GET',
    rawUrl: options.sentUrl ?? rawUrl,
    headers: { ...headers, authorization: formatV2Authorization({ apiKey: KEY, signedHeaders, signature }) },
    body: Buffer.alloc(0),
    entryPoint: 'GET /api/hello/',
    address: null,
  };
}

function verify(
  request: SignedRequest,
  overrides: { credential?: typeof credential | null; entryPoint?: string; now?: number } = {},
): Verdict {
  return verifySignedRequest(parseSignedRequest(request), {
    credential: overrides.credential === undefined ? credential : overrides.credential,
    entryPoint: overrides.entryPoint ?? request.entryPoint,
    now: overrides.now ?? NOW,
    allowedDriftSeconds: 300,
    address: null,
  });
}

function refusal(verdict: Verdict): string | null {
  return verdict.accepted ? null : verdict.refusal.message;
}

describe('the signature verifier', () => {
  it('accepts a well-signed v1 request and says who it acts for', () => {
    const verdict = verify(v1('a=1'));
    expect(verdict).toMatchObject({ accepted: true, principal: { apiKey: KEY, username: null, protocol: 'v1' }, nonce: null });
  });

  it('asks a v2 request to be remembered as long as its date could pass the drift check', () => {
    const verdict = verify(v2('/api/hello/'));
    expect(verdict).toMatchObject({
      accepted: true,
      nonce: { key: `${KEY}:${NONCE}`, dated: NOW, rememberSeconds: 301 },
    });
  });

  describe('checks in order: signature, then time, then entry point', () => {
    it('says signature error for a bad signature, whatever the time and the entry point', () => {
      expect(refusal(verify(v1('', { secret: 'wrong', timestamp: 'nan' }), { entryPoint: 'GET /api/secret/' }))).toBe(
        'signature error',
      );
    });

    it('says signature error for an unknown or revoked key, as for a known key: no oracle', () => {
      expect(refusal(verify(v1(''), { credential: null }))).toBe('signature error');
      expect(refusal(verify(v1(''), { credential: revoked(credential) }))).toBe('signature error');
    });

    it('says timestamp rift before checking the entry point', () => {
      expect(refusal(verify(v1('', { timestamp: 'nan' }), { entryPoint: 'GET /api/secret/' }))).toBe('timestamp rift invalid');
      expect(refusal(verify(v1(''), { now: NOW + 301_000, entryPoint: 'GET /api/secret/' }))).toBe('timestamp rift 301');
    });

    it('says entry point not allowed last', () => {
      expect(refusal(verify(v1(''), { entryPoint: 'GET /api/secret/' }))).toBe('entry point not allowed for the API key');
    });
  });

  describe('refuses what a handler would read differently from what was signed', () => {
    it('a raw # in the target, in v1 and v2', () => {
      const signed = v1('q=a%23b');
      expect(refusal(verify({ ...signed, rawUrl: signed.rawUrl.replace('%23', '#') }))).toBe('signature error');
      expect(refusal(verify(v2('/api/hello/?q=a%23b', { sentUrl: '/api/hello/?q=a#b' })))).toBe('signature error');
    });

    it('v1: an empty duplicate prepended, which only the rebuilt form would hide', () => {
      const signed = v1('limit=10');
      expect(refusal(verify({ ...signed, rawUrl: signed.rawUrl.replace('?', '?limit=&') }))).toBe('signature error');
    });

    it('v1: %25C3 sent as %C3, which decoders read apart', () => {
      const signed = v1('x=%25C3');
      expect(refusal(verify({ ...signed, rawUrl: signed.rawUrl.replace('%25C3', '%C3') }))).toBe('signature error');
    });

    it('v1: still accepts what only the rebuilt form matches when it reads the same', () => {
      // dj-api-auth's Python clients sign the urlencoded form: `a b` as `a+b`, sent here as `a%20b`.
      const signed = v1('q=a+b');
      expect(verify({ ...signed, rawUrl: signed.rawUrl.replace('a+b', 'a%20b') }).accepted).toBe(true);
    });

    it('v2: %25C3 sent as %C3', () => {
      expect(refusal(verify(v2('/api/hello/?x=%25C3', { sentUrl: '/api/hello/?x=%C3' })))).toBe('signature error');
    });

    it('v2: the values of one name in another order', () => {
      expect(refusal(verify(v2('/api/hello/?role=user&role=admin', { sentUrl: '/api/hello/?role=admin&role=user' })))).toBe(
        'signature error',
      );
    });
  });
});

describe('judging a remembered nonce', () => {
  const claim = { key: `${KEY}:${NONCE}`, dated: NOW, rememberSeconds: 301 };

  it('lets a first use through', () => {
    expect(judgeNonce(claim, { firstTime: true, rememberingSince: NOW - 60_000 })).toBeNull();
  });

  it('refuses a second use as a replay', () => {
    expect(judgeNonce(claim, { firstTime: false, rememberingSince: NOW - 60_000 })?.message).toBe('replayed request');
  });

  it('refuses a request dated before the moment the cache started remembering, which could be a replay', () => {
    expect(judgeNonce(claim, { firstTime: true, rememberingSince: NOW + 1_000 })?.message).toBe('replayed request');
    expect(judgeNonce(claim, { firstTime: true, rememberingSince: NOW + 1 })?.message).toBe('replayed request');
  });

  it('lets through a request dated at the very moment the cache started remembering', () => {
    expect(judgeNonce(claim, { firstTime: true, rememberingSince: NOW })).toBeNull();
  });
});
