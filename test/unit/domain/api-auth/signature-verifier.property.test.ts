import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiAuthError } from '../../../../src/domain/api-auth/api-auth.errors.js';
import { parseSignedRequest } from '../../../../src/domain/api-auth/parsed-signed-request.js';
import type { SignedRequest } from '../../../../src/domain/api-auth/signed-request.js';
import { signV1 } from '../../../../src/domain/api-auth/signature-v1.js';
import { signV2 } from '../../../../src/domain/api-auth/signature-v2.js';
import { formatBasicIsoDate } from '../../../../src/domain/api-auth/timestamps.js';
import { verifySignedRequest } from '../../../../src/domain/api-auth/signature-verifier.js';
import { aCredential } from '../../../support/credential-mother.js';
import { hostile } from '../../../support/hostile-input.js';
import { propertyRuns } from '../../../support/property-runs.js';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const credential = aCredential({ apiKey: 'k1', entryPoints: new Set(['GET /api/hello/']) });
const secret = credential.secretKeys[0]!.value;

/** What the verifier decides for `request`: accepted, or the refusal's code. Anything else it throws fails the property. */
function decide(sent: Omit<SignedRequest, 'address'>): string {
  const request: SignedRequest = { ...sent, address: '192.0.2.1' };
  try {
    const verdict = verifySignedRequest(parseSignedRequest(request), {
      credential,
      entryPoint: request.entryPoint,
      now: NOW,
      allowedDriftSeconds: 300,
      address: request.address,
    });
    return verdict.accepted ? 'accepted' : verdict.refusal.code;
  } catch (error) {
    if (error instanceof ApiAuthError) return error.code;
    throw error;
  }
}

const header = fc.oneof(hostile.text(), fc.array(hostile.text(), { maxLength: 3 }));

const anyRequest = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'get', 'PATCH'),
  rawUrl: fc.oneof(
    hostile.query(['apikey', 'timestamp', 'signature']).map((query) => `/api/hello/?${query}`),
    hostile.urlText(),
  ),
  headers: fc.dictionary(
    fc.constantFrom('authorization', 'x-signet-date', 'x-signet-nonce', 'host', 'content-type', 'x-other'),
    header,
  ),
  body: fc.uint8Array({ maxLength: 64 }),
  entryPoint: fc.constantFrom('GET /api/hello/', 'GET /api/goodbye/'),
});

const v2Authorization = fc
  .tuple(hostile.text(), hostile.text(), hostile.text())
  .map(
    ([credentialField, signed, signature]) =>
      `SIGNET-HMAC-SHA256 Credential=${credentialField}, SignedHeaders=${signed}, Signature=${signature}`,
  );

describe('the signature verifier, given anything at all', () => {
  it('refuses with an ApiAuthError, and throws nothing else, whatever the request', () => {
    fc.assert(
      fc.property(anyRequest, (request) => {
        expect(decide(request)).toMatch(/^api_auth\./);
      }),
      { numRuns: propertyRuns(2000) },
    );
  });

  it('reads any v2 Authorization header without throwing', () => {
    fc.assert(
      fc.property(v2Authorization, hostile.text(), hostile.text(), (authorization, date, nonce) => {
        const request = {
          method: 'GET',
          rawUrl: '/api/hello/',
          headers: { authorization, 'x-signet-date': date, 'x-signet-nonce': nonce, host: 'h' },
          body: new Uint8Array(),
          entryPoint: 'GET /api/hello/',
        };
        expect(decide(request)).toMatch(/^api_auth\./);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  it('accepts a v1 request signed over any query, or refuses it with a reason, never anything else', () => {
    fc.assert(
      fc.property(hostile.query(), (query) => {
        const target = `/api/hello/?${query}${query ? '&' : ''}timestamp=${NOW / 1000}&apikey=k1`;
        const rawUrl = `${target}&signature=${encodeURIComponent(signV1(secret, target))}`;
        const outcome = decide({ method: 'GET', rawUrl, headers: {}, body: new Uint8Array(), entryPoint: 'GET /api/hello/' });
        expect(['accepted', 'api_auth.signature_error', 'api_auth.parameter_missing', 'api_auth.timestamp_rift']).toContain(
          outcome,
        );
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  it('accepts a v2 request signed over any query, or refuses it as a signature error, never anything else', () => {
    fc.assert(
      fc.property(hostile.query(), (query) => {
        const rawUrl = `/api/hello/?${query}`;
        const date = formatBasicIsoDate(NOW);
        const nonce = 'n'.repeat(22);
        const headers = { host: 'h', 'x-signet-date': date, 'x-signet-nonce': nonce };
        const signedHeaders = ['host', 'x-signet-date', 'x-signet-nonce'];
        const signature = signV2(secret, date, {
          method: 'GET',
          rawUrl,
          headers: (name) => headers[name as keyof typeof headers],
          signedHeaders,
          body: '',
        });
        const authorization = `SIGNET-HMAC-SHA256 Credential=k1, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
        const outcome = decide({
          method: 'GET',
          rawUrl,
          headers: { ...headers, authorization },
          body: new Uint8Array(),
          entryPoint: 'GET /api/hello/',
        });
        expect(['accepted', 'api_auth.signature_error']).toContain(outcome);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
});
