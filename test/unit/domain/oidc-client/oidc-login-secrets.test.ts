import { describe, expect, it } from 'vitest';
import { oidcLoginKey, oidcLoginSecrets } from '../../../../src/domain/oidc-client/oidc-login-secrets.js';

const key = oidcLoginKey(Buffer.from('the app cookie key, 32 bytes long'));

describe("an OpenID login's nonce and code verifier", () => {
  it('are the same for the same state and key, and differ from each other', () => {
    const secrets = oidcLoginSecrets(key, 'state-1');
    expect(oidcLoginSecrets(key, 'state-1')).toEqual(secrets);
    expect(secrets.nonce).not.toBe(secrets.codeVerifier);
  });

  it('differ for another state, or under another key', () => {
    const secrets = oidcLoginSecrets(key, 'state-1');
    const otherState = oidcLoginSecrets(key, 'state-2');
    const otherKey = oidcLoginSecrets(oidcLoginKey(Buffer.from('another app')), 'state-1');
    for (const other of [otherState, otherKey]) {
      expect(other.nonce).not.toBe(secrets.nonce);
      expect(other.codeVerifier).not.toBe(secrets.codeVerifier);
    }
  });

  it('give a code verifier of 43 unreserved characters, as RFC 7636 asks', () => {
    expect(oidcLoginSecrets(key, 'state').codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('never contain the state, nor the key', () => {
    const secrets = oidcLoginSecrets(key, 'a-visible-state');
    expect(JSON.stringify(secrets)).not.toContain('a-visible-state');
    expect(JSON.stringify(secrets)).not.toContain(key.toString('base64url'));
  });
});
