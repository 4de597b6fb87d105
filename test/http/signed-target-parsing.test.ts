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
 * The verifier reads the request target with its own parser; the handler reads it through Koa
 * (`ctx.query` is WHATWG URLSearchParams, `ctx.path` is parseurl, which falls back to the legacy
 * url.parse for an absolute-form target) and @koa/router (`ctx.params`, each decoded as a whole with
 * decodeURIComponent, kept raw when that throws). Wherever the two read one text apart, a request
 * can be changed after signing so that the handler reads other values than those signed. Each test
 * sends a target changed that way under the signature of the original, and expects the refusal the
 * rule of docs/signing.md gives: `signature error`.
 */
describe('targets the verifier and the handler read apart', () => {
  let runtime: Runtime;
  let server: Server;
  let baseUrl: string;
  let key: { apiKey: string; secretKey: string };

  beforeAll(async () => {
    runtime = await startRuntime(testConfig());
    const api = new Router<BaseState>();
    const apiAuth = createApiAuth(runtime.cradle.authenticateApiRequest);
    api.get<ApiState>('/api/echo/', apiAuth(), (ctx) => {
      ctx.body = { query: ctx.query };
    });
    api.get<ApiState>('/api/things/:id', apiAuth(), (ctx) => {
      ctx.body = { path: ctx.path, id: ctx.params.id };
    });
    await runtime.cradle.reloadEntryPoints.execute([...runtime.entryPoints, ...discoverEntryPoints([api])]);
    key = await runtime.cradle.createApiKey.execute({ entryPoints: ['GET /api/echo/', 'GET /api/things/:id'] });
    server = createApp(runtime.cradle, [...runtime.routers, api]).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await untilReplayHorizon();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runtime.close();
  });

  /** v2 headers for `signedTarget`, as an honest client that signed it would send them. */
  const v2 = (signedTarget: string) => ({
    ...signHeadersV2({
      apiKey: key.apiKey,
      secretKey: key.secretKey,
      method: 'GET',
      url: `${baseUrl}${signedTarget}`,
      date: formatBasicIsoDate(Date.now()),
      nonce: randomNonce(),
    }),
  });

  async function refused(target: string, headers: Record<string, string> = {}): Promise<void> {
    const answer = await rawGet(baseUrl, target, headerLines(headers));
    expect([answer.status, answer.body]).toEqual([403, JSON.stringify({ error: 'signature error' })]);
  }

  it('the honest requests pass, and the handler reads what was signed', async () => {
    const query = await rawGet(baseUrl, '/api/echo/?%3Frole=user', headerLines(v2('/api/echo/?%3Frole=user')));
    expect([query.status, JSON.parse(query.body)]).toEqual([200, { query: { '?role': 'user' } }]);
    const path = await rawGet(baseUrl, '/api/things/A-%25C3', headerLines(v2('/api/things/A-%25C3')));
    expect([path.status, JSON.parse(path.body)]).toEqual([200, { path: '/api/things/A-%25C3', id: 'A-%C3' }]);
  });

  it('v2 refuses a query sent with a second "?" in front, which URLSearchParams drops, so the handler would read `role` for `?role`', async () => {
    await refused('/api/echo/??role=user', v2('/api/echo/?%3Frole=user'));
  });

  it('v1 refuses the same "??" through the rebuilt (Python) form, which re-encodes the name as %3Frole', async () => {
    const signed = pythonClientUrl('/api/echo/', key.apiKey, key.secretKey, { params: [['?role', 'user']] });
    expect(signed).toContain('?%3Frole=user&');
    expect((await rawGet(baseUrl, signed)).status).toBe(200);
    await refused(signed.replace('?%3Frole=', '??role='));
  });

  it('v2 refuses a path segment re-escaped around a malformed escape, which the router then reads undecoded (`%41-%C3` for `A-%C3`)', async () => {
    await refused('/api/things/%41-%C3', v2('/api/things/A-%25C3'));
  });

  it('v2 refuses an absolute-form target with a backslash in its path, which url.parse routes as a slash', async () => {
    // Signed for `/api%5Cthings/x` (no such route); sent in absolute form, Koa's path becomes /api/things/x.
    await refused('http://127.0.0.1/api\\things/x', v2('/api%5Cthings/x'));
  });
});
