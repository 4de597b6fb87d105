import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../../src/adapters/memory/memory-cache.js';
import { MemoryCredentialStore } from '../../../../src/adapters/memory/memory-credential-store.js';
import { AuthenticateApiRequest } from '../../../../src/application/api-auth/authenticate-api-request.js';
import { rotateSecret, revoked } from '../../../../src/domain/api-auth/credential-factory.js';
import type { ApiCredential } from '../../../../src/domain/api-auth/api-credential.js';
import { formatV2Authorization } from '../../../../src/domain/api-auth/authorization-header.js';
import type { SignedRequest } from '../../../../src/domain/api-auth/signed-request.js';
import { signV1 } from '../../../../src/domain/api-auth/signature-v1.js';
import { signV2 } from '../../../../src/domain/api-auth/signature-v2.js';
import { formatBasicIsoDate } from '../../../../src/domain/api-auth/timestamps.js';
import type { Logger } from '../../../../src/domain/shared/logger.port.js';
import type { ApiAuthError } from '../../../../src/domain/api-auth/api-auth.errors.js';
import { canonicalRequestV2 } from '../../../../src/domain/api-auth/canonical-request-v2.js';
import { aSecondEarlier, FixedClock } from '../../../support/fixed-clock.js';
import { aUser } from '../../../support/user-mother.js';

const SECRET = 'd7228d70cd7f456d9bfdc35ed8fee375';
const quiet: Logger = { info() {}, warn() {}, error() {} };

function credential(overrides: Partial<ApiCredential> = {}): ApiCredential {
  return {
    apiKey: '483a570a',
    secretKeys: [{ value: SECRET, createdAt: 0, expiresAt: null }],
    username: 'alice',
    entryPoints: new Set(['GET /api/hello/', 'POST /api/goodbye/']),
    note: '',
    ssoHost: null,
    createdAt: 0,
    lastUsedAt: null,
    lastUsedFrom: null,
    revoked: false,
    disabled: false,
    expiresAt: null,
    rateLimitPerMinute: null,
    ...overrides,
  };
}

function request(
  rawUrl: string,
  options: { method?: string; body?: string; entryPoint?: string; headers?: Record<string, string>; address?: string } = {},
): SignedRequest {
  const headers = options.headers ?? {};
  return {
    method: options.method ?? 'GET',
    rawUrl,
    headers,
    body: Buffer.from(options.body ?? ''),
    entryPoint: options.entryPoint ?? `${options.method ?? 'GET'} /api/hello/`,
    address: options.address ?? '192.0.2.10',
  };
}

/** The refusal `work` rejects with. */
async function refusalOf(work: Promise<unknown>): Promise<ApiAuthError> {
  try {
    await work;
  } catch (error) {
    return error as ApiAuthError;
  }
  throw new Error('the request was admitted');
}

describe('authenticating a signed request', () => {
  let clock: FixedClock;
  let store: MemoryCredentialStore;
  let authenticate: AuthenticateApiRequest;
  let failures: [string | null, string][];

  const authenticatorWith = (debug: boolean) =>
    new AuthenticateApiRequest({
      credentialStore: store,
      userDirectory: { findByUsername: async (username) => aUser({ username }) },
      cache: aSecondEarlier(clock, () => new MemoryCache({ clock })),
      clock,
      logger: quiet,
      authFailures: { record: (apiKey, reason) => failures.push([apiKey, reason]) },
      config: { apiAuth: { allowedDriftSeconds: 300, debug } },
    });

  const seconds = () => (clock.now() / 1000).toFixed(3);
  const v1Url = (path: string, secret = SECRET, apiKey = '483a570a', timestamp = seconds(), body = '') => {
    const unsigned = `${path}?apikey=${apiKey}&timestamp=${timestamp}`;
    return `${unsigned}&signature=${signV1(secret, unsigned, body)}`;
  };

  const v2Request = (
    path: string,
    options: { method?: string; body?: string; nonce?: string; date?: number; secret?: string } = {},
  ) => {
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = {
      host: 'signet.test',
      'x-signet-date': formatBasicIsoDate(options.date ?? clock.now()),
      'x-signet-nonce': options.nonce ?? 'bm9uY2Utbm9uY2Utbm9uY2U',
    };
    const signature = signV2(options.secret ?? SECRET, headers['x-signet-date']!, {
      method,
      rawUrl: path,
      headers: (name) => headers[name],
      signedHeaders: [],
      body: options.body ?? '',
    });
    headers.authorization = formatV2Authorization({
      apiKey: '483a570a',
      signedHeaders: ['host', 'x-signet-date', 'x-signet-nonce'],
      signature,
    });
    return request(path, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: options.body }),
      entryPoint: `${method} /api/hello/`,
    });
  };

  beforeEach(async () => {
    clock = new FixedClock();
    store = new MemoryCredentialStore();
    await store.save(credential());
    failures = [];
    authenticate = authenticatorWith(false);
  });

  it('admits a good v1 request and names the bound user', async () => {
    await expect(authenticate.execute(request(v1Url('/api/hello/')))).resolves.toEqual({
      apiKey: '483a570a',
      username: 'alice',
      protocol: 'v1',
    });
  });

  it('signs the raw body after the path and query in v1', async () => {
    const body = 'a=1&b=2';
    const url = v1Url('/api/goodbye/', SECRET, '483a570a', seconds(), body);
    await expect(
      authenticate.execute(request(url, { method: 'POST', body, entryPoint: 'POST /api/goodbye/' })),
    ).resolves.toMatchObject({ protocol: 'v1' });
    await expect(
      authenticate.execute(request(url, { method: 'POST', body: 'a=1&b=3', entryPoint: 'POST /api/goodbye/' })),
    ).rejects.toThrow('signature error');
  });

  it('says parameter missing when apikey, timestamp or signature is absent', async () => {
    await expect(authenticate.execute(request('/api/hello/?apikey=483a570a&timestamp=1'))).rejects.toThrow('parameter missing');
  });

  it('says signature error for an unknown key, whatever the signature, as for a known key with a bad one', async () => {
    await expect(authenticate.execute(request(v1Url('/api/hello/', SECRET, 'ffffffff')))).rejects.toThrow('signature error');
  });

  it('treats a revoked key as unknown', async () => {
    await store.save(revoked(credential()));
    await expect(authenticate.execute(request(v1Url('/api/hello/')))).rejects.toThrow('signature error');
  });

  it('checks the signature before the entry point, so a stranger learns nothing of what a key may call', async () => {
    const url = v1Url('/api/hello/', 'wrong-secret');
    await expect(authenticate.execute(request(url, { entryPoint: 'GET /api/secret/' }))).rejects.toThrow('signature error');
  });

  it('checks the signature before the timestamp', async () => {
    await expect(authenticate.execute(request(v1Url('/api/hello/', 'wrong', '483a570a', 'nan')))).rejects.toThrow(
      'signature error',
    );
  });

  it('refuses a timestamp beyond the allowed drift, saying by how much', async () => {
    const old = (clock.now() / 1000 - 301).toString();
    await expect(authenticate.execute(request(v1Url('/api/hello/', SECRET, '483a570a', old)))).rejects.toThrow(
      'timestamp rift 301',
    );
  });

  it.each(['nan', 'inf', '1e9', '0x6553f100'])(
    'refuses the timestamp %j that is not a plain decimal number',
    async (timestamp) => {
      await expect(authenticate.execute(request(v1Url('/api/hello/', SECRET, '483a570a', timestamp)))).rejects.toThrow(
        /^timestamp rift/,
      );
    },
  );

  it('refuses a route that is not among the key entry points', async () => {
    await expect(authenticate.execute(request(v1Url('/api/hello/'), { entryPoint: 'GET /api/other/' }))).rejects.toThrow(
      'entry point not allowed for the API key',
    );
  });

  it('accepts both SEC keys during a rotation, and only the new one after it', async () => {
    await store.save(rotateSecret(credential(), 'fresh-secret', clock.now(), 60));
    await expect(authenticate.execute(request(v1Url('/api/hello/')))).resolves.toBeTruthy();
    await expect(authenticate.execute(request(v1Url('/api/hello/', 'fresh-secret')))).resolves.toBeTruthy();
    clock.advance(61);
    await expect(authenticate.execute(request(v1Url('/api/hello/')))).rejects.toThrow('signature error');
    await expect(authenticate.execute(request(v1Url('/api/hello/', 'fresh-secret')))).resolves.toBeTruthy();
  });

  it('records when a key was last used', async () => {
    await authenticate.execute(request(v1Url('/api/hello/')));
    await new Promise((resolve) => setImmediate(resolve));
    expect((await store.findByApiKey('483a570a'))?.lastUsedAt).toBe(clock.now());
  });

  it('admits a good v2 request once and calls its replay a replay', async () => {
    await expect(authenticate.execute(v2Request('/api/hello/'))).resolves.toMatchObject({ protocol: 'v2', username: 'alice' });
    await expect(authenticate.execute(v2Request('/api/hello/'))).rejects.toThrow('replayed request');
  });

  it('forgets a v2 nonce only once its date could no longer pass the drift check', async () => {
    const date = clock.now();
    await authenticate.execute(v2Request('/api/hello/', { date }));
    clock.advance(299);
    await expect(authenticate.execute(v2Request('/api/hello/', { date }))).rejects.toThrow('replayed request');
    clock.advance(3);
    await expect(authenticate.execute(v2Request('/api/hello/', { date }))).rejects.toThrow(/^timestamp rift/);
  });

  it('does not burn a nonce on a request whose signature is wrong', async () => {
    await expect(authenticate.execute(v2Request('/api/hello/', { secret: 'wrong' }))).rejects.toThrow('signature error');
    await expect(authenticate.execute(v2Request('/api/hello/'))).resolves.toBeTruthy();
  });

  it('says parameter missing for a v2 request without a nonce', async () => {
    const good = v2Request('/api/hello/');
    const withoutNonce: SignedRequest = { ...good, headers: { ...good.headers, 'x-signet-nonce': undefined } };
    await expect(authenticate.execute(withoutNonce)).rejects.toThrow('parameter missing');
  });

  describe('the key lifecycle', () => {
    it('refuses a disabled key that signs well, saying so', async () => {
      await store.save(credential({ disabled: true }));
      await expect(authenticate.execute(request(v1Url('/api/hello/')))).rejects.toThrow('API key disabled');
    });

    it('says signature error to a disabled key signed wrongly: the state is told only to the holder of the SEC key', async () => {
      await store.save(credential({ disabled: true, expiresAt: clock.now() - 1 }));
      await expect(authenticate.execute(request(v1Url('/api/hello/', 'wrong')))).rejects.toThrow('signature error');
    });

    it('checks the timestamp before the state', async () => {
      await store.save(credential({ disabled: true }));
      const old = (clock.now() / 1000 - 400).toString();
      await expect(authenticate.execute(request(v1Url('/api/hello/', SECRET, '483a570a', old)))).rejects.toThrow(
        'timestamp rift 400',
      );
    });

    it('checks the state before the entry point', async () => {
      await store.save(credential({ disabled: true }));
      await expect(authenticate.execute(request(v1Url('/api/hello/'), { entryPoint: 'GET /api/other/' }))).rejects.toThrow(
        'API key disabled',
      );
    });

    it('admits a key until its expiry date and refuses it from then on', async () => {
      await store.save(credential({ expiresAt: clock.now() + 10_000 }));
      await expect(authenticate.execute(request(v1Url('/api/hello/')))).resolves.toBeTruthy();
      clock.advance(10);
      await expect(authenticate.execute(request(v1Url('/api/hello/')))).rejects.toThrow('API key expired');
    });

    it('lets through the number of requests a minute the key allows, then answers rate limit exceeded until the window ends', async () => {
      await store.save(credential({ rateLimitPerMinute: 3 }));
      for (let i = 0; i < 3; i += 1) await expect(authenticate.execute(request(v1Url('/api/hello/')))).resolves.toBeTruthy();
      const refusal = await refusalOf(authenticate.execute(request(v1Url('/api/hello/'))));
      expect(refusal.message).toBe('rate limit exceeded');
      expect(refusal.details).toEqual({ retryAfterSeconds: 60 });
      clock.advance(45);
      expect((await refusalOf(authenticate.execute(request(v1Url('/api/hello/'))))).details).toEqual({ retryAfterSeconds: 15 });
      clock.advance(15);
      await expect(authenticate.execute(request(v1Url('/api/hello/')))).resolves.toBeTruthy();
    });

    it('lets exactly the limit through when 100 requests arrive at once', async () => {
      await store.save(credential({ rateLimitPerMinute: 60 }));
      const outcomes = await Promise.allSettled(
        Array.from({ length: 100 }, () => authenticate.execute(request(v1Url('/api/hello/')))),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(60);
    });

    it('does not use up the nonce of a v2 request refused for its rate', async () => {
      await store.save(credential({ rateLimitPerMinute: 1 }));
      await authenticate.execute(v2Request('/api/hello/', { nonce: 'Zmlyc3QtZmlyc3QtZmlyc3Q' }));
      const retried = v2Request('/api/hello/');
      await expect(authenticate.execute(retried)).rejects.toThrow('rate limit exceeded');
      clock.advance(60);
      await expect(authenticate.execute(retried)).resolves.toBeTruthy();
    });

    it('never counts against the limit a request that fails its signature', async () => {
      await store.save(credential({ rateLimitPerMinute: 1 }));
      for (let i = 0; i < 5; i += 1) {
        await expect(authenticate.execute(request(v1Url('/api/hello/', 'wrong')))).rejects.toThrow('signature error');
      }
      await expect(authenticate.execute(request(v1Url('/api/hello/')))).resolves.toBeTruthy();
    });

    it('records the address a key was last used from, and a new one seconds later, but the same one only once a minute', async () => {
      const lastUse = async () => {
        await new Promise((resolve) => setImmediate(resolve));
        const found = await store.findByApiKey('483a570a');
        return [found?.lastUsedAt, found?.lastUsedFrom];
      };
      const started = clock.now();
      await authenticate.execute(request(v1Url('/api/hello/'), { address: '198.51.100.1' }));
      expect(await lastUse()).toEqual([started, '198.51.100.1']);
      clock.advance(2);
      await authenticate.execute(request(v1Url('/api/hello/'), { address: '198.51.100.1' }));
      expect(await lastUse()).toEqual([started, '198.51.100.1']);
      await authenticate.execute(request(v1Url('/api/hello/'), { address: '198.51.100.2' }));
      expect(await lastUse()).toEqual([started + 2000, '198.51.100.2']);
      clock.advance(60);
      await authenticate.execute(request(v1Url('/api/hello/'), { address: '198.51.100.2' }));
      expect(await lastUse()).toEqual([started + 62_000, '198.51.100.2']);
    });
  });

  describe('counting refusals', () => {
    it('counts each refusal under the key and the reason', async () => {
      await authenticate.execute(request(v1Url('/api/hello/', 'wrong'))).catch(() => undefined);
      await authenticate.execute(request(v1Url('/api/hello/'), { entryPoint: 'GET /api/other/' })).catch(() => undefined);
      expect(failures).toEqual([
        ['483a570a', 'api_auth.signature_error'],
        ['483a570a', 'api_auth.entry_point_not_allowed'],
      ]);
    });

    it('counts an unknown key, and a request without one, under no key, so made-up keys add no rows', async () => {
      await authenticate.execute(request(v1Url('/api/hello/', SECRET, 'ffffffff'))).catch(() => undefined);
      await authenticate.execute(request('/api/hello/')).catch(() => undefined);
      expect(failures).toEqual([
        [null, 'api_auth.signature_error'],
        [null, 'api_auth.parameter_missing'],
      ]);
    });

    it('counts a revoked key under its own name: someone still uses it', async () => {
      await store.save(revoked(credential()));
      await authenticate.execute(request(v1Url('/api/hello/'))).catch(() => undefined);
      expect(failures).toEqual([['483a570a', 'api_auth.signature_error']]);
    });

    it('counts rate-limit refusals and replays too', async () => {
      await store.save(credential({ rateLimitPerMinute: 1 }));
      await authenticate.execute(v2Request('/api/hello/'));
      await authenticate.execute(v2Request('/api/hello/')).catch(() => undefined);
      clock.advance(60);
      await authenticate.execute(v2Request('/api/hello/')).catch(() => undefined);
      expect(failures).toEqual([
        ['483a570a', 'api_auth.rate_limit_exceeded'],
        ['483a570a', 'api_auth.replayed_request'],
      ]);
    });
  });

  describe('with API_AUTH_DEBUG', () => {
    it('tells a v1 client the string the server signed: the target without the signature, then the body', async () => {
      const debugging = authenticatorWith(true);
      const url = v1Url('/api/goodbye/', 'wrong', '483a570a', seconds(), 'so long');
      const refusal = await refusalOf(
        debugging.execute(request(url, { method: 'POST', body: 'so long', entryPoint: 'POST /api/goodbye/' })),
      );
      expect(refusal.message).toBe('signature error');
      expect(refusal.explanation).toEqual({
        protocol: 'v1',
        stringToSign: `/api/goodbye/?apikey=483a570a&timestamp=${seconds()}so long`,
      });
    });

    it('tells a v2 client the canonical request and the string to sign', async () => {
      const debugging = authenticatorWith(true);
      const sent = v2Request('/api/hello/?b=2&a=1', { secret: 'wrong' });
      const refusal = await refusalOf(debugging.execute(sent));
      const canonical = canonicalRequestV2({
        method: 'GET',
        rawUrl: '/api/hello/?b=2&a=1',
        headers: (name) => sent.headers[name] as string | undefined,
        signedHeaders: [],
        body: '',
      });
      expect(refusal.explanation).toMatchObject({ protocol: 'v2', canonicalRequest: canonical });
      expect(canonical.split('\n').slice(0, 3)).toEqual(['GET', '/api/hello/', 'a=1&b=2']);
    });

    it('explains nothing but signature errors, and nothing at all when it is off', async () => {
      const debugging = authenticatorWith(true);
      const old = (clock.now() / 1000 - 400).toString();
      expect((await refusalOf(debugging.execute(request(v1Url('/api/hello/', SECRET, '483a570a', old))))).explanation).toBeNull();
      expect((await refusalOf(authenticate.execute(request(v1Url('/api/hello/', 'wrong'))))).explanation).toBeNull();
    });
  });
});
