import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { startWarnings } from '../../src/start-warnings.js';

const production = { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), SIGNET_MASTER_KEY: 'ab'.repeat(32) };
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

  it('says nothing of memory adapters outside production, and warns of the development session secret', () => {
    expect(startWarnings(loadConfig({}))).toEqual([
      'SESSION_SECRET is not set: session cookies are signed with the public development secret (demo only)',
    ]);
  });
});
