import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { configProblems } from '../../support/config-problems.js';

describe('the admin and key lifecycle settings', () => {
  it('default to a 30-minute admin idle, no user filter, no debug, a day of rotation grace', () => {
    expect(loadConfig({})).toMatchObject({
      admin: { sessionIdleSeconds: 1800, userFilter: {} },
      apiAuth: { debug: false, rotationGraceSeconds: 86_400 },
    });
  });

  it('read API_AUTH_ADMIN_USER_FILTER as a JSON object of attribute values', () => {
    expect(loadConfig({ API_AUTH_ADMIN_USER_FILTER: '{"is_staff": false, "department": "Research"}' }).admin.userFilter).toEqual({
      is_staff: false,
      department: 'Research',
    });
  });

  it.each(['is_staff=false', '[1]', '{"groups": ["a"]}', '"x"'])('refuse the user filter %s', (filter) => {
    expect(configProblems({ API_AUTH_ADMIN_USER_FILTER: filter })).toEqual([
      expect.stringMatching(/^API_AUTH_ADMIN_USER_FILTER.*: accepts a JSON object of attribute values/),
    ]);
  });

  it('refuse API_AUTH_DEBUG when NODE_ENV=production', () => {
    expect(
      configProblems({
        NODE_ENV: 'production',
        SESSION_SECRET: 'a-production-secret-of-enough-length-00',
        SIGNET_MASTER_KEY: 'ab'.repeat(32),
        API_AUTH_DEBUG: '1',
      }),
    ).toEqual(['API_AUTH_DEBUG: cannot be on when NODE_ENV=production (refused requests would be told what the server signed)']);
    expect(
      loadConfig({
        NODE_ENV: 'production',
        SESSION_SECRET: 'a-production-secret-of-enough-length-00',
        SIGNET_MASTER_KEY: 'ab'.repeat(32),
        API_AUTH_DEBUG: '0',
      }).apiAuth.debug,
    ).toBe(false);
    expect(loadConfig({ API_AUTH_DEBUG: 'yes' }).apiAuth.debug).toBe(true);
  });

  it('take an admin idle of 2 to 30 minutes, and a rotation grace of a minute to a day', () => {
    expect(configProblems({ ADMIN_SESSION_IDLE: '60', API_KEY_ROTATION_GRACE: '30' })).toEqual([
      'API_KEY_ROTATION_GRACE="30": accepts a whole number of seconds from 60 (1 minute) to 86400 (24 hours)',
      'ADMIN_SESSION_IDLE="60": accepts a whole number of seconds from 120 to 1800 (30 minutes)',
    ]);
  });
});
