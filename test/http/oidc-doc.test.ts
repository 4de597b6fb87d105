import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OIDC_CLIENT } from '../../src/application/demo/demo-data.js';
import { startOidcService } from '../support/oidc-flow.js';
import type { TestService } from '../support/test-service.js';

const doc = readFileSync(new URL('../../docs/oidc.md', import.meta.url), 'utf8');

/** The `key = value` lines of the doc's Grafana example. */
function grafanaSettings(): Map<string, string> {
  const block = /```ini\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
  return new Map(
    block
      .split('\n')
      .map((line) => /^(\w+) = (.*)$/.exec(line))
      .flatMap((match) => (match ? [[match[1] ?? '', match[2] ?? ''] as const] : [])),
  );
}

describe('docs/oidc.md against a running Signet', () => {
  let service: TestService;
  let discovery: Record<string, unknown>;

  beforeAll(async () => {
    service = await startOidcService();
    discovery = await (await fetch(`${service.baseUrl}/oidc/.well-known/openid-configuration`)).json();
  });
  afterAll(() => service.close());

  /** A URL of the doc (written for port 3000) as this test's Signet serves it. */
  const here = (url: string) => url.replace('http://localhost:3000', service.baseUrl);

  it('names in its endpoint table every path the discovery document gives', () => {
    for (const name of [
      'authorization_endpoint',
      'token_endpoint',
      'userinfo_endpoint',
      'jwks_uri',
      'introspection_endpoint',
      'revocation_endpoint',
      'end_session_endpoint',
    ]) {
      const path = new URL(String(discovery[name])).pathname;
      expect(doc, name).toContain(`\`${path}\``);
    }
  });

  it('gives in its Grafana example the endpoints, client and scopes Signet serves', () => {
    const settings = grafanaSettings();
    expect(here(settings.get('auth_url') ?? '')).toBe(discovery.authorization_endpoint);
    expect(here(settings.get('token_url') ?? '')).toBe(discovery.token_endpoint);
    expect(here(settings.get('api_url') ?? '')).toBe(discovery.userinfo_endpoint);
    expect(settings.get('client_id')).toBe(DEMO_OIDC_CLIENT.clientId);
    expect(settings.get('client_secret')).toBe(DEMO_OIDC_CLIENT.secret);
    for (const scope of (settings.get('scopes') ?? '').split(' ')) expect(discovery.scopes_supported).toContain(scope);
    for (const claim of ['preferred_username', 'groups', 'is_superuser']) expect(discovery.claims_supported).toContain(claim);
  });
});
