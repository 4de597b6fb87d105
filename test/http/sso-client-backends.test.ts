import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisConnection } from '../../src/adapters/redis/redis-connection.js';
import { MongoConnection } from '../../src/adapters/mongo/mongo-connection.js';
import { ssoClient } from '../../src/sso-client.js';
import { CookieJar } from '../support/cookie-jar.js';
import { mongoForTests, type TestMongo } from '../support/mongo-for-tests.js';
import {
  describeWithPrivateRedis,
  describeWithRedis,
  startPrivateRedisServer,
  uniqueKeyPrefix,
  type PrivateRedis,
} from '../support/redis-server.js';
import { DEMO_APP_URL, startKoaApp } from '../support/sso-client-app.js';
import { DEMO_SSO_KEY } from '../support/sso-flow.js';
import { appHome, callbackAfterLogin, logInAtApp, startAppLogin } from '../support/sso-client-flow.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { startTestService, type TestService } from '../support/test-service.js';

const quiet = { info() {}, warn() {}, error() {} };

await describeWithRedis('the SSO client on Redis', (redis) => {
  let provider: TestService;
  beforeAll(async () => {
    provider = await startTestService();
  });
  afterAll(() => provider.close());

  const settings = (redisUrl: string, prefix: string) => ({
    url: provider.baseUrl,
    apiKey: DEMO_SSO_KEY.apiKey,
    secretKey: DEMO_SSO_KEY.secretKey,
    appUrl: DEMO_APP_URL,
    cache: 'redis' as const,
    redisUrl,
    redisKeyPrefix: prefix,
    userStorage: 'cache' as const,
    backendTimeoutMs: 500,
    logger: quiet,
    env: {},
  });

  it('keeps sessions and users (SSO_USER_STORAGE=cache) in Redis, shared by two instances of the app', async () => {
    const prefix = uniqueKeyPrefix();
    const one = await startKoaApp(await ssoClient(settings(redis.url, prefix)));
    const two = await startKoaApp(await ssoClient(settings(redis.url, prefix)));
    const connection = new RedisConnection({ config: { redisUrl: redis.url }, logger: quiet });
    await connection.open();
    try {
      const jar = new CookieJar();
      await logInAtApp(jar, one);
      expect((await appHome(jar, two)).user).toMatchObject({ id: 2, username: 'user1' });
      const stored = await connection.client.get(`${prefix}sso-user:2`);
      expect(JSON.parse(stored!)).toMatchObject({ username: 'user1', email: 'user1@example.com' });
      // Logging out on one instance logs out on both.
      const { csrfToken } = await appHome(jar, one);
      await jar.post(`${one.baseUrl}/accounts/logout/`, { _csrf: csrfToken! });
      expect((await appHome(jar, two)).user).toBeNull();
    } finally {
      await connection.close();
      await one.close();
      await two.close();
    }
  });

  it('keeps the public pages working when Redis is lost, refusing only what needs it with 503', async () => {
    const target = new URL(redis.url);
    const proxy = await startTcpProxy(Number(target.port || 6379), target.hostname);
    const app = await startKoaApp(await ssoClient(settings(`redis://127.0.0.1:${proxy.port}`, uniqueKeyPrefix())));
    try {
      const jar = new CookieJar();
      await logInAtApp(jar, app);
      expect((await appHome(jar, app)).user).toMatchObject({ username: 'user1' });
      proxy.cut();

      // Taken as logged out on a public page, which answers as usual.
      expect((await appHome(jar, app)).user).toBeNull();
      const privatePage = await jar.fetch(`${app.baseUrl}/reports/`);
      expect(privatePage.status).toBe(503);
      expect(privatePage.headers.get('retry-after')).toBe('5');
      expect(await privatePage.text()).toContain('Sign-in is unavailable for a moment.');
      // A login reaches the provider, and stops at the callback, where the session would be kept.
      const callback = await logInAtApp(new CookieJar(), app);
      expect(callback.status).toBe(503);
      expect(await callback.text()).toContain('cache unavailable');
    } finally {
      await app.close();
    }
  });
});

const privateRedis = await startPrivateRedisServer();

describeWithPrivateRedis(
  privateRedis,
  'the SSO client (SSO_USER_STORAGE=cache) when its Redis freezes during a callback',
  (started) => {
    let provider: TestService;
    let redis: PrivateRedis;
    beforeAll(async () => {
      redis = started;
      provider = await startTestService();
    });
    afterAll(async () => {
      await provider.close();
      await redis.stop();
    });

    it('answers the callback with the 503 page, keeps serving, and logs in again once Redis runs', async () => {
      const app = await startKoaApp(
        await ssoClient({
          url: provider.baseUrl,
          apiKey: DEMO_SSO_KEY.apiKey,
          secretKey: DEMO_SSO_KEY.secretKey,
          appUrl: DEMO_APP_URL,
          cache: 'redis',
          redisUrl: redis.url,
          userStorage: 'cache',
          backendTimeoutMs: 500,
          logger: quiet,
          env: {},
        }),
      );
      try {
        const jar = new CookieJar();
        const callback = await callbackAfterLogin(jar, app, await startAppLogin(jar, app));
        redis.freeze();
        try {
          const refused = await jar.fetch(callback);
          expect(refused.status).toBe(503);
          expect(refused.headers.get('retry-after')).toBe('5');
          const page = await refused.text();
          expect(page).toContain('<h1>Sign-in is unavailable</h1>');
          expect(page).toContain('cache unavailable');
          expect((await appHome(jar, app)).user).toBeNull();
        } finally {
          redis.thaw();
        }
        await expect
          .poll(async () => (await logInAtApp(new CookieJar(), app)).status, { timeout: 5000, interval: 200 })
          .toBe(302);
        const fresh = new CookieJar();
        await logInAtApp(fresh, app);
        expect((await appHome(fresh, app)).user).toMatchObject({ username: 'user1' });
      } finally {
        await app.close();
      }
    });
  },
);

describe('the SSO client on MongoDB (SSO_USER_STORAGE=db, SSO_STORE=mongo)', () => {
  let provider: TestService;
  let mongo: TestMongo;
  beforeAll(async () => {
    provider = await startTestService();
    mongo = await mongoForTests();
  });
  afterAll(async () => {
    await provider.close();
    await mongo.stop();
  });

  it('keeps the users in the sso_users collection', async () => {
    const app = await startKoaApp(
      await ssoClient({
        url: provider.baseUrl,
        apiKey: DEMO_SSO_KEY.apiKey,
        secretKey: DEMO_SSO_KEY.secretKey,
        appUrl: DEMO_APP_URL,
        store: 'mongo',
        mongoUrl: mongo.url,
        logger: quiet,
        env: {},
      }),
    );
    const connection = new MongoConnection({ config: { mongoUrl: mongo.url }, logger: quiet });
    await connection.open();
    try {
      const jar = new CookieJar();
      await logInAtApp(jar, app, { username: 'user2', password: '456' });
      expect((await appHome(jar, app)).user).toMatchObject({ id: 3, username: 'user2' });
      const document = await connection.db.collection('sso_users').findOne({ _id: '3' as never });
      expect(document).toMatchObject({ username: 'user2' });
    } finally {
      await connection.close();
      await app.close();
    }
  });
});
