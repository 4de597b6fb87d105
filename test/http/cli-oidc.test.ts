import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mongoCliEnv, runCliCapturing } from '../support/cli-runner.js';
import { mongoForTests, type TestMongo } from '../support/mongo-for-tests.js';
import { authorizationRequest, CookieJar, discover, follow, logInThroughOidc, startOidcService } from '../support/oidc-flow.js';
import type { TestService } from '../support/test-service.js';

describe('the oidc client commands, on a MongoDB store a server uses', () => {
  let mongo: TestMongo;
  let env: Record<string, string>;
  let service: TestService;

  beforeAll(async () => {
    mongo = await mongoForTests();
    env = mongoCliEnv(mongo.url, 'cd'.repeat(32));
    service = await startOidcService(env);
  });
  afterAll(async () => {
    await service.close();
    await mongo.stop();
  });

  const cli = (argv: string[]) => runCliCapturing(argv, env);

  it('registers a confidential client, shows its secret once, and that client logs a user in', async () => {
    const run = await cli([
      'oidc',
      'client',
      'create',
      '--client-id',
      'wiki',
      '--name',
      'The Wiki',
      '--redirect-uri',
      'http://127.0.0.1:8000/oidc/callback',
      '--first-party',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout[0]).toBe('client id:     wiki');
    const secret = /^client secret: (\S+)$/.exec(run.stdout[1] ?? '')?.[1] ?? '';
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(run.stderr.join('\n')).toContain('shown this once');

    const listed = await cli(['oidc', 'client', 'list']);
    expect(listed.stdout.join('\n')).toContain('wiki');
    expect(listed.stdout.join('\n')).not.toContain(secret);

    const audit = await cli(['audit', 'list', '--action', 'oidc.client-create']);
    expect(audit.stdout.join('\n')).toContain('wiki');
    expect(audit.stdout.join('\n')).not.toContain(secret);

    const config = await discover(`${service.baseUrl}/oidc`, { clientId: 'wiki', secret });
    const request = await authorizationRequest(config, { scope: 'openid profile' });
    const callback = await logInThroughOidc(new CookieJar(), request.url, 'user1', '123');
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    expect(tokens.access_token).toEqual(expect.any(String));
  });

  it('disables a client (refused at once by the server), enables it again, and removes it', async () => {
    await cli(['oidc', 'client', 'create', '--client-id', 'gone', '--redirect-uri', 'http://127.0.0.1:8000/oidc/callback']);
    const config = await discover(`${service.baseUrl}/oidc`, { clientId: 'gone', secret: 'unused' });
    expect((await cli(['oidc', 'client', 'disable', 'gone'])).status).toBe(0);
    expect((await new CookieJar().fetch((await authorizationRequest(config)).url.href)).status).toBe(400);
    expect((await cli(['oidc', 'client', 'enable', 'gone'])).status).toBe(0);
    const { response } = await follow(new CookieJar(), (await authorizationRequest(config)).url.href);
    expect(response.status).toBe(200);
    expect((await cli(['oidc', 'client', 'remove', 'gone'])).status).toBe(0);
    const again = await cli(['oidc', 'client', 'remove', 'gone']);
    expect(again.status).toBe(1);
    expect(again.stderr.join('\n')).toContain('no OpenID client "gone"');
  });

  it('refuses a redirect URI with a fragment, and a create that names no redirect URI', async () => {
    const fragment = await cli(['oidc', 'client', 'create', '--redirect-uri', 'https://app.example.com/cb#x']);
    expect(fragment.status).toBe(1);
    expect(fragment.stderr.join('\n')).toContain('no fragment');
    const missing = await cli(['oidc', 'client', 'create']);
    expect(missing.status).toBe(2);
  });
});

describe('the oidc commands on the new operations, on a memory store', () => {
  const cli = (argv: string[]) => runCliCapturing(argv, { NODE_ENV: 'test', LOG_LEVEL: 'silent', PASSWORD_HASH_LOG_N: '10' });

  it('shows, updates and rotates the secret of the demo client, each refusal with its reason', async () => {
    const shown = await cli(['oidc', 'client', 'show', 'demo-oidc']);
    expect(shown.status).toBe(0);
    expect(shown.stdout.join('\n')).toContain('type:          confidential (client_secret_basic)');
    expect(shown.stdout.join('\n')).not.toContain('demo-oidc-secret');
    const updated = await cli(['oidc', 'client', 'update', 'demo-oidc', '--third-party', '--id-token-alg', 'RS256']);
    expect(updated.status).toBe(0);
    expect(updated.stdout.join('\n')).toContain('ID token alg:  RS256');
    expect(updated.stdout.join('\n')).toContain('first-party:   no');
    const bad = await cli(['oidc', 'client', 'update', 'demo-oidc', '--redirect-uri', 'https://x.example.com/#frag']);
    expect(bad.status).toBe(1);
    expect(bad.stderr.join('\n')).toContain('no fragment');
    expect((await cli(['oidc', 'client', 'update', 'demo-oidc'])).status).toBe(2);
    const rotated = await cli(['oidc', 'client', 'rotate-secret', 'demo-oidc']);
    expect(rotated.stdout[1]).toMatch(/^client secret: [\w-]{43}$/);
    expect(rotated.stderr.join('\n')).toContain('shown this once');
  });

  it('lists the signing keys and publishes new ones', async () => {
    const rotated = await cli(['oidc', 'rotate-keys', '--activation-delay', '60']);
    expect(rotated.status).toBe(0);
    expect(rotated.stdout.filter((line) => / pending /.test(line))).toHaveLength(2);
    expect(rotated.stderr.join('\n')).toContain('New keys published');
    expect((await cli(['oidc', 'rotate-keys', '--activation-delay', 'soon'])).status).toBe(2);
    const listed = await cli(['oidc', 'keys']);
    expect(listed.stdout[0]).toMatch(/^KID +ALG +STATE/);
  });
});
