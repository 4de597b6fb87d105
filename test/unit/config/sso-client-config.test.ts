import { describe, expect, it } from 'vitest';
import { ConfigError, loadSsoClientConfig } from '../../../src/config/load-config.js';

const required = { SSO_URL: 'http://localhost:3000', SSO_API_KEY: '5f0c2a7e', SSO_SEC_KEY: '9b1d4c6e2f8a4b7d9c3e5f1a2b4c6d8e' };

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('no ConfigError');
}

describe("an SSO client app's settings", () => {
  it('name every missing required setting at once, by variable and option', () => {
    expect(problemsOf(() => loadSsoClientConfig({}, {}))).toEqual([
      'SSO_URL (option url): is required',
      'SSO_API_KEY (option apiKey): is required',
      'SSO_SEC_KEY (option secretKey): is required',
    ]);
  });

  it('come from the environment with dj-sso-client-compatible defaults', () => {
    const config = loadSsoClientConfig({}, required);
    expect(config.provider).toEqual({
      url: 'http://localhost:3000',
      apiKey: '5f0c2a7e',
      secretKey: '9b1d4c6e2f8a4b7d9c3e5f1a2b4c6d8e',
      remoteUrlPrefix: '/sso/',
      protocol: 'v1',
      timeoutMs: 5000,
    });
    expect(config).toMatchObject({
      userStorage: 'db',
      store: 'memory',
      cache: 'memory',
      paths: { login: '/accounts/login/', callback: '/accounts/sso/callback/', logout: '/accounts/logout/' },
    });
  });

  it('take an option over its variable', () => {
    const config = loadSsoClientConfig(
      { apiKey: 'from-options', timeoutMs: 250, protocol: 'v2' },
      { ...required, SSO_TIMEOUT_MS: '9' },
    );
    expect(config.provider).toMatchObject({ apiKey: 'from-options', timeoutMs: 250, protocol: 'v2' });
  });

  it('report each bad value, never repeating a secret', () => {
    const problems = problemsOf(() =>
      loadSsoClientConfig(
        { callbackPath: 'accounts/callback' },
        {
          ...required,
          SSO_URL: 'ftp://provider',
          SSO_USER_STORAGE: 'redis',
          SSO_TIMEOUT_MS: 'soon',
          SSO_SESSION_SECRET: 'short-secret',
          SSO_API_KEY: '',
        },
      ),
    );
    expect(problems).toEqual([
      'SSO_API_KEY: is empty (unset it to use the default)',
      expect.stringMatching(/^SSO_URL \(option url\)="ftp:\/\/provider": accepts the provider's address/),
      'SSO_TIMEOUT_MS (option timeoutMs)="soon": accepts a whole number of milliseconds from 1 to 3600000',
      'SSO_USER_STORAGE (option userStorage)="redis": accepts db or cache',
      'SSO_SESSION_SECRET (option sessionSecret): accepts a random string of 32 characters or more',
      'SSO_CALLBACK_PATH (option callbackPath)="accounts/callback": accepts a path that starts with /, such as /accounts/sso/callback/',
    ]);
    expect(problems.join('\n')).not.toContain('short-secret');
  });

  it('refuse two routes on one path', () => {
    expect(problemsOf(() => loadSsoClientConfig({ logoutPath: '/accounts/login/' }, required))).toEqual([
      'SSO_LOGIN_PATH, SSO_CALLBACK_PATH, SSO_LOGOUT_PATH: must be three different paths',
    ]);
  });

  describe('with protocol oidc', () => {
    const oidc = { SSO_PROTOCOL: 'oidc', SSO_URL: 'http://localhost:3000/oidc/', SSO_CLIENT_ID: 'demo-oidc' };

    it('need the issuer and the client id, not the dj-sso key pair', () => {
      expect(problemsOf(() => loadSsoClientConfig({ protocol: 'oidc' }, {}))).toEqual([
        'SSO_URL (option url): is required',
        'SSO_CLIENT_ID (option clientId): is required',
      ]);
    });

    it('read the issuer without its trailing slash, the secret, the scopes, and /oidc/callback as the callback', () => {
      const config = loadSsoClientConfig({ clientSecret: 'a-client-secret' }, oidc);
      expect(config.provider).toEqual({
        protocol: 'oidc',
        issuer: 'http://localhost:3000/oidc',
        clientId: 'demo-oidc',
        clientSecret: 'a-client-secret',
        scopes: 'openid profile email groups',
        timeoutMs: 5000,
      });
      expect(config.paths.callback).toBe('/oidc/callback');
    });

    it('refuse scopes without openid, a public client without a session secret, and a plain-http issuer in production', () => {
      const problems = problemsOf(() =>
        loadSsoClientConfig({}, { ...oidc, NODE_ENV: 'production', SSO_SCOPES: 'profile email' }),
      );
      expect(problems).toEqual(['SSO_SCOPES (option scopes)="profile email": must include openid']);
      expect(problemsOf(() => loadSsoClientConfig({}, { ...oidc, NODE_ENV: 'production' }))).toEqual([
        'SSO_SESSION_SECRET (option sessionSecret): is required for a public OpenID client (no SSO_CLIENT_SECRET)',
        'SSO_URL (option url): must be an https issuer in production (the client secret and tokens travel to it)',
      ]);
    });

    it('never repeat the client secret in a problem', () => {
      const problems = problemsOf(() =>
        loadSsoClientConfig({}, { ...oidc, SSO_CLIENT_SECRET: 'the-client-secret', SSO_TIMEOUT_MS: 'soon' }),
      );
      expect(problems.join('\n')).not.toContain('the-client-secret');
    });
  });
});
