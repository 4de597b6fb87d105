import { decodeProtectedHeader } from 'jose';
import { asValue } from 'awilix';
import { MongoClient } from 'mongodb';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import { MemorySigningKeyStore } from '../../src/adapters/memory/memory-signing-key-store.js';
import { BackendUnavailableError } from '../../src/domain/backends/backend.errors.js';
import type { SigningKeyStore } from '../../src/domain/oidc/signing-key-store.port.js';
import { adminCall, adminClient } from '../support/admin-flow.js';
import { FixedClock } from '../support/fixed-clock.js';
import { freePort } from '../support/free-port.js';
import { mongoForTests, type TestMongo } from '../support/mongo-for-tests.js';
import { authorizationRequest, CookieJar, discover, logInThroughOidc } from '../support/oidc-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const DELAY_SECONDS = 6 * 60 * 60;
const ID_TOKEN_SECONDS = 60 * 60;
/** Longer than an instance keeps the keys it read: past it, every instance has read the store again. */
const REFRESH_SECONDS = 31;

interface Jwk {
  kid: string;
  alg: string;
  kty: string;
  d?: string;
}

describe('signing key rotation, on two instances sharing one store', () => {
  let mongo: TestMongo;
  let clock: FixedClock;
  let first: TestService;
  let second: TestService;

  beforeAll(async () => {
    mongo = await mongoForTests();
    clock = new FixedClock();
    const port = await freePort();
    const config = testConfig({
      STORE: 'mongo',
      MONGO_URL: mongo.url,
      SIGNET_MASTER_KEY: 'cd'.repeat(32),
      SIGNET_DEMO: '1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      OIDC_KEY_ACTIVATION_DELAY: String(DELAY_SECONDS),
    });
    first = await startTestService({ config, clock, port });
    second = await startTestService({ config, clock });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await mongo?.stop();
  });

  const jwks = async (service: TestService) =>
    ((await (await fetch(`${service.baseUrl}/oidc/jwks`)).json()) as { keys: Jwk[] }).keys;
  const kidsOf = (keys: Jwk[], alg: string) =>
    keys
      .filter((key) => key.alg === alg)
      .map((key) => key.kid)
      .sort();

  /** The kid of a fresh ID token from `service`, signed for the demo client (ES256) or one asking RS256. */
  async function idTokenKid(clientId = 'demo-oidc', secret?: string): Promise<string> {
    const config = await discover(`${first.baseUrl}/oidc`, secret === undefined ? {} : { clientId, secret });
    const request = await authorizationRequest(config, { scope: 'openid' });
    const callback = await logInThroughOidc(new CookieJar(), request.url, 'user1', '123');
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    return decodeProtectedHeader(tokens.id_token ?? '').kid ?? '';
  }

  it('publishes new keys at once on both instances, signs with the old ones until the delay has passed, then with the new, and drops the old once their tokens have expired', async () => {
    const before = await jwks(first);
    expect(before.map((key) => key.alg).sort()).toEqual(['ES256', 'RS256']);
    expect(before.some((key) => key.d !== undefined)).toBe(false);
    const [oldEs] = kidsOf(before, 'ES256');
    expect(await idTokenKid()).toBe(oldEs);
    const rs = await adminCall(adminClient(first.baseUrl, DEMO_ADMIN_KEY, clock), 'POST', '/admin/api/oidc-clients', {
      clientId: 'old-rp',
      redirectUris: ['http://127.0.0.1:8000/oidc/callback'],
      idTokenSignedResponseAlg: 'RS256',
      firstParty: true,
    });
    expect(rs.status).toBe(201);
    const [oldRs] = kidsOf(before, 'RS256');
    expect(await idTokenKid('old-rp', rs.body.clientSecret)).toBe(oldRs);

    const rotated = await adminCall(adminClient(second.baseUrl, DEMO_ADMIN_KEY, clock), 'POST', '/admin/api/oidc-keys/rotate');
    expect(rotated.status).toBe(200);
    const added = rotated.body as { kid: string; alg: string; state: string; activatesAt: number }[];
    expect(added.map((key) => [key.alg, key.state])).toEqual([
      ['ES256', 'pending'],
      ['RS256', 'pending'],
    ]);
    expect(added[0]?.activatesAt).toBe(clock.now() + DELAY_SECONDS * 1000);
    const newEs = added.find((key) => key.alg === 'ES256')?.kid ?? '';
    const newRs = added.find((key) => key.alg === 'RS256')?.kid ?? '';

    clock.advance(REFRESH_SECONDS);
    for (const service of [first, second]) {
      const keys = await jwks(service);
      expect(kidsOf(keys, 'ES256')).toEqual([oldEs, newEs].sort());
      expect(kidsOf(keys, 'RS256')).toEqual([oldRs, newRs].sort());
    }
    expect(await idTokenKid()).toBe(oldEs);
    expect(await idTokenKid('old-rp', rs.body.clientSecret)).toBe(oldRs);

    clock.advance(DELAY_SECONDS);
    expect(await idTokenKid()).toBe(newEs);
    expect(await idTokenKid('old-rp', rs.body.clientSecret)).toBe(newRs);
    const listed = await adminCall(adminClient(first.baseUrl, DEMO_ADMIN_KEY, clock), 'GET', '/admin/api/oidc-keys');
    expect((listed.body as { kid: string; state: string }[]).map((key) => [key.kid, key.state])).toEqual([
      [newEs, 'signing'],
      [oldEs, 'retiring'],
      [newRs, 'signing'],
      [oldRs, 'retiring'],
    ]);
    // The old keys still verify what they signed during the last ID token lifetime.
    expect(kidsOf(await jwks(second), 'ES256')).toEqual([oldEs, newEs].sort());

    clock.advance(ID_TOKEN_SECONDS + REFRESH_SECONDS);
    for (const service of [first, second]) {
      const keys = await jwks(service);
      expect(kidsOf(keys, 'ES256')).toEqual([newEs]);
      expect(kidsOf(keys, 'RS256')).toEqual([newRs]);
    }
  });

  it('records the rotation in the audit log, never a private key', async () => {
    const entries = (
      await adminCall(adminClient(first.baseUrl, DEMO_ADMIN_KEY, clock), 'GET', '/admin/api/audit?action=oidc.keys-rotate')
    ).body.entries as { target: string; details: { added: string[] } }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]?.details.added).toHaveLength(2);
    expect(JSON.stringify(entries)).not.toMatch(/"d":/);
  });

  it('keeps the private keys encrypted in the store', async () => {
    const reader = new MongoClient(mongo.url);
    try {
      const stored = await reader.db().collection('oidc_signing_keys').find({}).toArray();
      // The retired keys were removed from the store, not only from the JWKS.
      expect(stored).toHaveLength(2);
      expect(JSON.stringify(stored)).not.toMatch(/"d"\s*:/);
      expect(stored.every((document) => typeof document.sealedJwk === 'string')).toBe(true);
    } finally {
      await reader.close();
    }
  });

  it('signs at once after a rotation asked with no delay (a key that leaked)', async () => {
    const rotated = await adminCall(adminClient(first.baseUrl, DEMO_ADMIN_KEY, clock), 'POST', '/admin/api/oidc-keys/rotate', {
      activationDelaySeconds: 0,
    });
    const added = rotated.body as { kid: string; alg: string; state: string }[];
    expect(added.map((key) => key.state)).toEqual(['signing', 'signing']);
    const newEs = added.find((key) => key.alg === 'ES256')?.kid;
    clock.advance(REFRESH_SECONDS);
    expect(await idTokenKid()).toBe(newEs);
  });
});

describe('signing keys when the store is lost after they were read', () => {
  let service: TestService;
  let clock: FixedClock;
  let lost = false;
  const inner = new MemorySigningKeyStore();
  const store: SigningKeyStore = {
    list: () => (lost ? Promise.reject(new BackendUnavailableError('store', 'lost in a test')) : inner.list()),
    add: (key) => inner.add(key),
    remove: (kid) => inner.remove(kid),
  };

  beforeAll(async () => {
    clock = new FixedClock();
    service = await startTestService({ clock, overrides: { signingKeyStore: asValue(store) } });
  });
  afterAll(() => service.close());

  it('keeps publishing (and signing with) the keys last read, and reads them again once the store is back', async () => {
    const before = await fetch(`${service.baseUrl}/oidc/jwks`);
    expect(before.status).toBe(200);
    const keys = await before.json();
    lost = true;
    clock.advance(REFRESH_SECONDS);
    const during = await fetch(`${service.baseUrl}/oidc/jwks`);
    expect(during.status).toBe(200);
    expect(await during.json()).toEqual(keys);
    lost = false;
    const added = await service.runtime.cradle.signingKeyGenerator.generate('ES256', clock.now(), clock.now() + 3_600_000);
    await inner.add(added);
    clock.advance(REFRESH_SECONDS);
    const after = (await (await fetch(`${service.baseUrl}/oidc/jwks`)).json()) as { keys: Jwk[] };
    expect(after.keys.map((key) => key.kid)).toContain(added.kid);
  });
});
