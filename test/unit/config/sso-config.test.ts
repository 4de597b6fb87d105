import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_SESSION_SECRET } from '../../../src/config/config.schema.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { configProblems } from '../../support/config-problems.js';

const problems = configProblems;
const templates = tmpdir();

describe('the SSO provider configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config.sso).toEqual({ requestTokenTtlSeconds: 300, userSerializer: undefined, templatesDir: undefined });
    expect(config.passwordHash).toEqual({ algorithm: 'argon2id', logN: 17, concurrency: 2, queueLimit: 8 });
  });

  it('signs sessions with the fixed development secret when SESSION_SECRET is not set outside production', () => {
    expect(loadConfig({}).session).toEqual({ secret: DEVELOPMENT_SESSION_SECRET, isDevelopmentSecret: true });
    const secret = 'x'.repeat(40);
    expect(loadConfig({ SESSION_SECRET: secret }).session).toEqual({ secret, isDevelopmentSecret: false });
  });

  it('refuses to start in production without SESSION_SECRET, saying so in one line', () => {
    const found = problems({ NODE_ENV: 'production', SIGNET_MASTER_KEY: 'a'.repeat(64) });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^SESSION_SECRET: is required when NODE_ENV=production/);
  });

  it('refuses a short SESSION_SECRET without repeating it', () => {
    const found = problems({ SESSION_SECRET: 'hunter2' });
    expect(found).toEqual(['SESSION_SECRET: accepts a random string of 32 characters or more']);
  });

  it('takes the token TTL, the hash cost and the customisations from the environment', () => {
    const config = loadConfig({
      SSO_REQUEST_TOKEN_TTL: '60',
      PASSWORD_HASH_ALGORITHM: 'scrypt',
      PASSWORD_HASH_LOG_N: '12',
      PASSWORD_HASH_CONCURRENCY: '4',
      SSO_USER_SERIALIZER: './serializer.mjs',
      SSO_TEMPLATES_DIR: templates,
    });
    expect(config.sso).toEqual({
      requestTokenTtlSeconds: 60,
      userSerializer: './serializer.mjs',
      templatesDir: templates,
    });
    expect(config.passwordHash).toEqual({ algorithm: 'scrypt', logN: 12, concurrency: 4, queueLimit: 8 });
  });

  it('refuses a templates directory that does not exist', () => {
    expect(problems({ SSO_TEMPLATES_DIR: '/nonexistent/signet-templates' })).toEqual([
      'SSO_TEMPLATES_DIR="/nonexistent/signet-templates": accepts an existing directory',
    ]);
  });

  it('requires a session secret on a persistent store unless the demo is asked for', () => {
    const mongo = { STORE: 'mongo', SIGNET_MASTER_KEY: 'a'.repeat(64) };
    expect(problems(mongo)).toEqual([
      expect.stringMatching(/^SESSION_SECRET: is required when STORE=mongo without SIGNET_DEMO=1/),
    ]);
    expect(problems({ ...mongo, SIGNET_DEMO: '1' })).toEqual([]);
    expect(loadConfig({ ...mongo, SIGNET_DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ ...mongo, SESSION_SECRET: 'x'.repeat(32) }).demo).toBe(false);
  });

  it('refuses the demo in production', () => {
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), SIGNET_MASTER_KEY: 'a'.repeat(64) };
    expect(problems({ ...production, SIGNET_DEMO: '1' })).toEqual([
      'SIGNET_DEMO: cannot be on when NODE_ENV=production (the demo keys and passwords are published)',
    ]);
  });

  it('refuses a hash cost outside 2^10 to 2^20', () => {
    expect(problems({ PASSWORD_HASH_LOG_N: '9' })[0]).toContain('PASSWORD_HASH_LOG_N="9"');
    expect(problems({ PASSWORD_HASH_LOG_N: '21' })).toHaveLength(1);
    expect(problems({ PASSWORD_HASH_ALGORITHM: 'bcrypt' })[0]).toContain('accepts argon2id or scrypt');
  });
});
