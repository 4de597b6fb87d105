import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { asValue } from 'awilix';
import Koa from 'koa';
import { Router } from '@koa/router';
import { MemoryCache } from '../../src/adapters/memory/memory-cache.js';
import { MemorySsoUserStore } from '../../src/adapters/memory/memory-sso-user-store.js';
import {
  ssoClient,
  type SsoClient,
  type SsoClientOptions,
  type SsoClientOverrides,
  type SsoState,
} from '../../src/sso-client.js';
import { FixedClock } from './fixed-clock.js';
import { DEMO_SSO_KEY } from './sso-flow.js';

/** Where the demo SSO key sends browsers back to; the test app serves it on another port. */
export const DEMO_APP_URL = 'http://localhost:8000';

/** A Koa app using an SSO client, listening. */
export interface RunningApp {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** The URL the provider sent the browser back to, made to point at this app on its real port. */
  local(url: string): string;
  /** Stops listening and closes the client. */
  close(): Promise<void>;
}

export interface TestSsoClientApp extends RunningApp {
  client: SsoClient;
  /** The app's cache and user store, to look into. */
  cache: MemoryCache;
  users: MemorySsoUserStore;
  clock: FixedClock;
  /** The path of every call the app made to the provider, in order. */
  providerCalls: string[];
}

const quiet = { info() {}, warn() {}, error() {} };

/**
 * A small Koa app using the SSO client, as an app would, on an ephemeral port of 127.0.0.1: `/`
 * answers who is logged in (and a logout token) as JSON, `/reports/` is behind requireLogin(). By
 * default it uses the demo SSO key and says it lives at http://localhost:8000, the key's host.
 */
export async function startSsoClientApp(
  providerUrl: string,
  options: SsoClientOptions = {},
  overrides: SsoClientOverrides = {},
): Promise<TestSsoClientApp> {
  const clock = new FixedClock(Date.now());
  const cache = new MemoryCache({ clock });
  const users = new MemorySsoUserStore();
  const providerCalls: string[] = [];
  const countingFetch: typeof fetch = (input, init) => {
    providerCalls.push(new URL(input instanceof Request ? input.url : input).pathname);
    return fetch(input, init);
  };
  const client = await ssoClient(
    {
      url: providerUrl,
      apiKey: DEMO_SSO_KEY.apiKey,
      secretKey: DEMO_SSO_KEY.secretKey,
      appUrl: DEMO_APP_URL,
      logger: quiet,
      clock,
      fetch: countingFetch,
      env: {},
      ...options,
    },
    {
      cache: asValue(cache),
      ssoUserStore: asValue(users),
      ...overrides,
    },
  );

  return { ...(await startKoaApp(client)), client, cache, users, clock, providerCalls };
}

/**
 * A small Koa app using `client`, as an app would, on an ephemeral port of 127.0.0.1: `/` answers who
 * is logged in (and a logout token) as JSON, `/reports/` is behind requireLogin().
 */
export async function startKoaApp(client: SsoClient): Promise<RunningApp> {
  const router = new Router<SsoState>();
  router.get('/', (ctx) => {
    ctx.body = { user: ctx.state.user, csrfToken: ctx.state.sso.csrfToken(), loginUrl: ctx.state.sso.loginUrl() };
  });
  router.get('/reports/', client.requireLogin(), (ctx) => {
    ctx.body = { reportsFor: ctx.state.user?.username ?? null };
  });
  router.post('/reports/', client.requireLogin(), (ctx) => {
    ctx.body = { posted: true };
  });
  const app = new Koa<SsoState>();
  app.use(client.middleware()).use(router.routes());

  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    local: (url) => {
      const parsed = new URL(url, baseUrl);
      return `${baseUrl}${parsed.pathname}${parsed.search}`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await client.close();
    },
  };
}
