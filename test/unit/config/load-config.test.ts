import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { configProblems } from '../../support/config-problems.js';

function problemsOf(env: Record<string, string>): string[] {
  const problems = configProblems(env);
  if (problems.length === 0) throw new Error('the configuration was accepted');
  return problems;
}

describe('loading the configuration', () => {
  it('runs on memory adapters on port 3000 when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({
      env: 'development',
      port: 3000,
      cache: 'memory',
      store: 'memory',
      apiAuth: { allowedDriftSeconds: 300, rotationGraceSeconds: 86400 },
    });
  });

  it('refuses an empty variable rather than read it as unset', () => {
    expect(problemsOf({ PORT: '', CACHE: '' })).toEqual([
      'PORT: is empty (unset it to use the default)',
      'CACHE: is empty (unset it to use the default)',
    ]);
  });

  it('ignores empty variables it does not read', () => {
    expect(loadConfig({ SOMETHING_ELSE: '' })).toMatchObject({ port: 3000 });
  });

  it('reports every bad variable at once, each naming what it accepts', () => {
    expect(problemsOf({ CACHE: 'memcached', STORE: 'mongo', API_AUTH_ALLOWED_TIME_DRIFT: '-5' })).toEqual([
      'CACHE="memcached": accepts memory or redis',
      'API_AUTH_ALLOWED_TIME_DRIFT="-5": accepts a whole number of seconds above 0',
      'SIGNET_MASTER_KEY: is required when STORE=mongo (64 hex characters: SEC keys are encrypted with it)',
      expect.stringMatching(/^SESSION_SECRET: is required when STORE=mongo without SIGNET_DEMO=1/),
    ]);
  });

  it('never repeats a secret back in an error', () => {
    const problems = problemsOf({ SIGNET_MASTER_KEY: 'not-hex-but-secret', SESSION_SECRET: 'short-secret' });
    expect(problems.join('\n')).not.toContain('not-hex-but-secret');
    expect(problems.join('\n')).not.toContain('short-secret');
    expect(problems).toHaveLength(2);
  });

  it('requires a session secret and a master key in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'SIGNET_MASTER_KEY: is required when NODE_ENV=production (64 hex characters: stored secrets are encrypted with it)',
      'SESSION_SECRET: is required when NODE_ENV=production (a random string of 32 characters or more: session cookies are signed with it)',
    ]);
  });
});

describe('PUBLIC_URL and the OpenID issuer', () => {
  it('names the issuer under /oidc of PUBLIC_URL, without a doubled slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://id.example.com/' }).oidc.issuer).toBe('https://id.example.com/oidc');
    expect(loadConfig({ PUBLIC_URL: 'https://example.com/signet' }).oidc.issuer).toBe('https://example.com/signet/oidc');
  });

  it('derives the issuer from HOST and PORT when PUBLIC_URL is not set', () => {
    expect(loadConfig({ PORT: '4000' }).oidc.issuer).toBe('http://localhost:4000/oidc');
    expect(loadConfig({ HOST: '10.0.0.5', PORT: '4000' }).oidc.issuer).toBe('http://10.0.0.5:4000/oidc');
  });

  it.each(['ftp://example.com', 'https://example.com/?a=1', 'https://example.com/#x', 'https://user:pw@example.com'])(
    'refuses PUBLIC_URL=%s',
    (url) => {
      expect(() => loadConfig({ PUBLIC_URL: url })).toThrow(/PUBLIC_URL/);
    },
  );
});
