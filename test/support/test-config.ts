import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/config.schema.js';

/**
 * A development-mode configuration on memory adapters, quiet, with the given environment on top.
 * Password hashing is made cheap (scrypt N = 2^10), so that seeding the demo users costs nothing.
 */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', PASSWORD_HASH_LOG_N: '10', ...env });
}
