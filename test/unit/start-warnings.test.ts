import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { startWarnings } from '../../src/start-warnings.js';

const production = {
  NODE_ENV: 'production',
  SESSION_SECRET: 's'.repeat(40),
  SIGNET_MASTER_KEY: 'ab'.repeat(32),
  PUBLIC_URL: 'https://signet.example.com',
  MFA_REQUIRED: 'staff',
};
const memoryWarning = (fixes: string) =>
  `MEMORY ADAPTERS IN PRODUCTION: state is lost on restart and not shared between instances; set ${fixes}`;

describe('the warnings at start', () => {
  it('names both backends to set in production on memory adapters', () => {
    expect(startWarnings(loadConfig(production))).toEqual([memoryWarning('CACHE=redis and STORE=mongo')]);
  });

  it('names only the backend still in memory', () => {
    const redis = { CACHE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' };
    expect(startWarnings(loadConfig({ ...production, ...redis }))).toEqual([memoryWarning('STORE=mongo')]);
    const mongo = { STORE: 'mongo', MONGO_URL: 'mongodb://127.0.0.1:27017/signet' };
    expect(startWarnings(loadConfig({ ...production, ...mongo }))).toEqual([memoryWarning('CACHE=redis')]);
    expect(startWarnings(loadConfig({ ...production, ...redis, ...mongo }))).toEqual([]);
  });

  it('warns in production when PUBLIC_URL is not set, naming the OpenID issuer it derived', () => {
    const { PUBLIC_URL: _unset, ...withoutPublicUrl } = production;
    const backends = { CACHE: 'redis', STORE: 'mongo', PORT: '8080' };
    expect(startWarnings(loadConfig({ ...withoutPublicUrl, ...backends }))).toEqual([
      'PUBLIC_URL is not set: the OpenID issuer is derived from HOST and PORT (http://localhost:8080/oidc); set it to the address clients use',
    ]);
  });

  it('recommends MFA_REQUIRED=staff in production when no second factor is required', () => {
    const backends = { CACHE: 'redis', STORE: 'mongo' };
    expect(startWarnings(loadConfig({ ...production, ...backends, MFA_REQUIRED: 'none' }))).toEqual([
      'MFA_REQUIRED=none: staff log in with a password alone; MFA_REQUIRED=staff is recommended in production',
    ]);
    expect(startWarnings(loadConfig({ ...production, ...backends, MFA_REQUIRED: 'all' }))).toEqual([]);
  });

  it('says nothing of memory adapters outside production, and warns of the development session secret', () => {
    expect(startWarnings(loadConfig({}))).toEqual([
      'SESSION_SECRET is not set: session cookies are signed with the public development secret (demo only)',
    ]);
  });
});
