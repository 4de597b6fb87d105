import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Router } from '@koa/router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiAuth } from '../../src/adapters/http/api-auth/api-auth.middleware.js';
import { discoverEntryPoints } from '../../src/adapters/http/api-auth/entry-point-discovery.js';
import { createApp } from '../../src/adapters/http/create-app.js';
import type { ApiState, BaseState } from '../../src/adapters/http/signet-context.js';
import { randomNonce, signHeadersV2 } from '../../src/client/signet-client.js';
import { formatBasicIsoDate } from '../../src/domain/api-auth/timestamps.js';
import { startRuntime, type Runtime } from '../../src/runtime.js';
import { headerLines, rawGet } from '../support/raw-http.js';
import { testConfig } from '../support/test-config.js';
import { untilReplayHorizon } from '../support/test-service.js';
import { pythonClientUrl } from '../support/v1-reference-clients.js';

/**
 * After verification, a handler reads exactly the query the signature covered. A route that echoes
 * ctx.query shows what a handler would read: each trick below changes what it reads without
 * touching what was signed, and must be refused.
 */
describe('what a handler reads of a signed query', () => {
  let runtime: Runtime;
  let server: Server;
  let baseUrl: string;
  let key: { apiKey: string; secretKey: string };

  beforeAll(async () => {
    runtime = await startRuntime(testConfig());
    const echo = new Router<BaseState>();
    echo.get<ApiState>('/api/echo/', createApiAuth(runtime.cradle.authenticateApiRequest)(), (ctx) => {
      ctx.body = { query: ctx.query };
    });
    await runtime.cradle.reloadEntryPoints.execute([...runtime.entryPoints, ...discoverEntryPoints([echo])]);
    key = await runtime.cradle.createApiKey.execute({ entryPoints: ['GET /api/echo/'] });
    server = createApp(runtime.cradle, [...runtime.routers, echo]).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await untilReplayHorizon();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runtime.close();
  });

  /** A v1 target signed the way dj-api-auth's Python client signs (urlencode), so the rebuilt form matches. */
  const v1 = (params: [string, string][]) => pythonClientUrl('/api/echo/', key.apiKey, key.secretKey, { params });

  /** v2 headers for `signedTarget`, as a client that signed it would send them. */
  const v2 = (signedTarget: string) =>
    signHeadersV2({
      apiKey: key.apiKey,
      secretKey: key.secretKey,
      method: 'GET',
      url: `${baseUrl}${signedTarget}`,
      date: formatBasicIsoDate(Date.now()),
      nonce: randomNonce(),
    });

  describe('protocol v1', () => {
    it('echoes the values that were signed', async () => {
      const answer = await rawGet(
        baseUrl,
        v1([
          ['q', 'a#b'],
          ['limit', '10'],
          ['x', '%C3'],
        ]),
      );
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ query: { q: 'a#b', limit: '10', x: '%C3' } });
    });

    it('refuses %23 sent as a raw #, which would cut the query a handler reads', async () => {
      const signed = v1([
        ['q', 'a#b'],
        ['limit', '10'],
      ]);
      const answer = await rawGet(baseUrl, signed.replace('%23', '#'));
      expect([answer.status, JSON.parse(answer.body)]).toEqual([403, { error: 'signature error' }]);
    });

    it('refuses an empty duplicate prepended, which a first-value read would take', async () => {
      const signed = v1([['limit', '10']]);
      const answer = await rawGet(baseUrl, signed.replace('?', '?limit=&'));
      expect([answer.status, JSON.parse(answer.body)]).toEqual([403, { error: 'signature error' }]);
    });

    it('refuses %25C3 sent as %C3, which decoders read apart', async () => {
      const signed = v1([['x', '%C3']]);
      const answer = await rawGet(baseUrl, signed.replace('%25C3', '%C3'));
      expect([answer.status, JSON.parse(answer.body)]).toEqual([403, { error: 'signature error' }]);
    });
  });

  describe('protocol v2', () => {
    it('echoes the values that were signed, duplicates in the order sent', async () => {
      const target = '/api/echo/?q=a%23b&role=user&role=admin&x=%25C3';
      const answer = await rawGet(baseUrl, target, headerLines(v2(target)));
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ query: { q: 'a#b', role: ['user', 'admin'], x: '%C3' } });
    });

    for (const [trick, signedTarget, sentTarget] of [
      ['%23 sent as a raw #', '/api/echo/?q=a%23b&limit=10', '/api/echo/?q=a#b&limit=10'],
      ['an empty duplicate prepended', '/api/echo/?limit=10', '/api/echo/?limit=&limit=10'],
      ['%25C3 sent as %C3', '/api/echo/?x=%25C3', '/api/echo/?x=%C3'],
      ['the values of one name swapped', '/api/echo/?role=user&role=admin', '/api/echo/?role=admin&role=user'],
    ] as const) {
      it(`refuses ${trick}`, async () => {
        const answer = await rawGet(baseUrl, sentTarget, headerLines(v2(signedTarget)));
        expect([answer.status, JSON.parse(answer.body)]).toEqual([403, { error: 'signature error' }]);
      });
    }
  });
});
