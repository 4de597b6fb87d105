import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { randomNonce } from '../../src/client/signet-client.js';
import { signV1 } from '../../src/domain/api-auth/signature-v1.js';
import { signV2 } from '../../src/domain/api-auth/signature-v2.js';
import { formatBasicIsoDate } from '../../src/domain/api-auth/timestamps.js';
import { assertClearAnswers, hostile, send, type HostileRequest } from '../support/hostile-input.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { startTestService, type TestService } from '../support/test-service.js';

const { apiKey, secretKey } = DEMO_API_KEY;

/** A v1-signed GET of `path` with `query` ahead of the protocol's parameters, signed as sent. */
function v1Signed(path: string, query: string): string {
  const target = `${path}?${query}${query ? '&' : ''}timestamp=${Date.now() / 1000}&apikey=${apiKey}`;
  return `${target}&signature=${encodeURIComponent(signV1(secretKey, target))}`;
}

/** A v2-signed GET of `target`, as sent, with every header the protocol needs. */
function v2Signed(host: string, target: string): HostileRequest {
  const date = formatBasicIsoDate(Date.now());
  const nonce = randomNonce();
  const values: Record<string, string> = { host, 'x-signet-date': date, 'x-signet-nonce': nonce };
  const signedHeaders = ['host', 'x-signet-date', 'x-signet-nonce'];
  const signature = signV2(secretKey, date, {
    method: 'GET',
    rawUrl: target,
    headers: (name) => values[name],
    signedHeaders,
    body: '',
  });
  return {
    method: 'GET',
    target,
    headers: [
      ['X-Signet-Date', date],
      ['X-Signet-Nonce', nonce],
      [
        'Authorization',
        `SIGNET-HMAC-SHA256 Credential=${apiKey}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
      ],
    ],
  };
}

/** A copy of `text` with one character replaced, removed or added at `at`. */
function mutate(text: string, at: number, change: 'replace' | 'remove' | 'insert', char: string): string {
  const i = at % (text.length + 1);
  if (change === 'remove') return text.slice(0, i) + text.slice(i + 1);
  if (change === 'insert') return text.slice(0, i) + char + text.slice(i);
  return text.slice(0, i) + char + text.slice(i + 1);
}

const mutation = fc.tuple(
  fc.nat(),
  fc.constantFrom<'replace' | 'remove' | 'insert'>('replace', 'remove', 'insert'),
  fc.constantFrom('a', 'Z', '0', '%', '#', '&', '=', '+', '/', '?', '%25', '%2B', '%C3', '.'),
);

describe('signed API routes under hostile input', () => {
  let service: TestService;
  const logger = new CapturingLogger();
  let host: string;
  beforeAll(async () => {
    service = await startTestService({ logger });
    host = new URL(service.baseUrl).host;
  });
  afterAll(async () => {
    await service.close();
  });

  // A change may land in the path, which then names no route: 404.
  const onlyOkOr403 = (answer: { status: number }) => expect([200, 400, 403, 404, 414]).toContain(answer.status);

  it('v1: answers any unsigned or badly signed query with a clear 4xx', async () => {
    await assertClearAnswers(
      service,
      logger,
      fc.record({
        method: fc.constantFrom('GET', 'POST', 'HEAD', 'DELETE'),
        target: fc
          .tuple(
            fc.constantFrom('/api/hello/', '/api/goodbye/', '/sso/authtoken/'),
            hostile.query(['apikey', 'timestamp', 'signature']),
          )
          .map(([path, query]) => `${path}?${query}`),
      }),
    );
  });

  it('v1: serves or refuses a correctly signed request whatever else its query holds', async () => {
    await assertClearAnswers(
      service,
      logger,
      hostile.query().map((query) => ({ method: 'GET', target: v1Signed('/api/hello/', query) })),
      { alsoExpect: onlyOkOr403 },
    );
  });

  it('v1: refuses, and never fails on, a signed request changed after signing', async () => {
    await assertClearAnswers(
      service,
      logger,
      fc.tuple(hostile.query(), mutation).map(([query, [at, change, char]]) => ({
        method: 'GET',
        target: mutate(v1Signed('/api/hello/', query), at, change, char),
      })),
      { alsoExpect: onlyOkOr403 },
    );
  });

  it('v2: answers any Authorization, date and nonce with a clear 4xx', async () => {
    await assertClearAnswers(
      service,
      logger,
      fc.record({
        method: fc.constant('GET'),
        target: fc.constant('/api/hello/'),
        headers: fc
          .tuple(
            fc.oneof(
              hostile.text(),
              fc
                .tuple(hostile.text(), hostile.text(), hostile.text())
                .map(
                  ([key, signed, signature]) =>
                    `SIGNET-HMAC-SHA256 Credential=${key}, SignedHeaders=${signed}, Signature=${signature}`,
                ),
            ),
            hostile.text(),
            hostile.text(),
          )
          .map(
            ([authorization, date, nonce]) =>
              [
                ['Authorization', authorization],
                ['X-Signet-Date', date],
                ['X-Signet-Nonce', nonce],
              ] as const,
          ),
      }),
    );
  });

  it('v2: refuses a request that signs a header named like a member of every object, rather than fail on it', async () => {
    for (const name of ['constructor', '__proto__', 'tostring', 'hasownproperty']) {
      const signed = v2Signed(host, '/api/hello/');
      const headers = signed.headers!.map(([header, value]): [string, string] =>
        header === 'Authorization'
          ? [header, value.replace('SignedHeaders=host;', `SignedHeaders=${name};host;`)]
          : [header, value],
      );
      const answer = await send(service.baseUrl, { ...signed, headers });
      expect({ name, status: answer.status, body: answer.body }).toEqual({
        name,
        status: 403,
        body: '{"error":"signature error"}',
      });
    }
    expect(logger.errors()).toEqual([]);
  });

  it('v2: serves or refuses a correctly signed request whatever its query holds, and refuses it changed', async () => {
    await assertClearAnswers(
      service,
      logger,
      fc.tuple(hostile.query(), fc.option(mutation)).map(([query, change]) => {
        const signed = v2Signed(host, `/api/hello/?${query}`);
        return change === null ? signed : { ...signed, target: mutate(signed.target, ...change) };
      }),
      { alsoExpect: onlyOkOr403 },
    );
  });
});
