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
import type { Logger } from '../../../../src/domain/ports/logger.port.js';
import { FixedClock } from '../../../support/fixed-clock.js';

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
    revoked: false,
    ...overrides,
  };
}

function request(
  rawUrl: string,
  options: { method?: string; body?: string; entryPoint?: string; headers?: Record<string, string> } = {},
): SignedRequest {
  const headers = options.headers ?? {};
  return {
    method: options.method ?? 'GET',
    rawUrl,
    headers,
    body: Buffer.from(options.body ?? ''),
    entryPoint: options.entryPoint ?? `${options.method ?? 'GET'} /api/hello/`,
  };
}

describe('authenticating a signed request', () => {
  let clock: FixedClock;
  let store: MemoryCredentialStore;
  let authenticate: AuthenticateApiRequest;

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
    // The cache has run for a minute: a new one remembers nonces only from its next whole second.
    clock.advance(-60);
    const cache = new MemoryCache({ clock });
    clock.advance(60);
    authenticate = new AuthenticateApiRequest({
      credentialStore: store,
      cache,
      clock,
      logger: quiet,
      config: { apiAuth: { allowedDriftSeconds: 300 } },
    });
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
});
