import { describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../../../src/adapters/memory/memory-credential-store.js';
import { MemoryLoginMeter } from '../../../../src/adapters/memory/memory-login-meter.js';
import { MeterSsoLogin } from '../../../../src/application/app-meter/meter-sso-login.js';
import { RecordAppLogin } from '../../../../src/application/app-meter/record-app-login.js';
import type { LoginMeter } from '../../../../src/domain/app-meter/login-meter.port.js';
import { BackendUnavailableError } from '../../../../src/domain/backends/backend.errors.js';
import { CapturingLogger } from '../../../support/capturing-logger.js';
import { aCredential } from '../../../support/credential-mother.js';
import { FixedClock } from '../../../support/fixed-clock.js';
import { ssoUseCases } from '../../../support/sso-use-cases.js';

const TODAY = '2026-11-28';

function failingMeter(): LoginMeter & { calls: number } {
  const meter = {
    calls: 0,
    count: async () => {
      meter.calls += 1;
      throw new BackendUnavailableError('cache', 'connection refused', 'failed');
    },
    tallies: async () => [],
    users: async () => [],
  };
  return meter;
}

describe('recording a login for the migration meter', () => {
  it('counts the login for the app found, at the time of the clock', async () => {
    const clock = new FixedClock();
    const loginMeter = new MemoryLoginMeter({ clock });
    const record = new RecordAppLogin({ loginMeter, clock, logger: new CapturingLogger() });
    await record.execute('oidc', 'user1', async () => 'localhost:8000');
    expect(await loginMeter.tallies([TODAY])).toEqual([
      { day: TODAY, app: 'localhost:8000', protocol: 'oidc', logins: 1, lastAt: clock.now() },
    ]);
  });

  it('never rejects when the meter fails: it logs, without the user, and leaves the login uncounted', async () => {
    const clock = new FixedClock();
    const logger = new CapturingLogger();
    const loginMeter = failingMeter();
    const record = new RecordAppLogin({ loginMeter, clock, logger });
    await expect(record.execute('dj-sso', 'user1', async () => 'localhost:8000')).resolves.toBeUndefined();
    await expect(
      record.execute('dj-sso', 'user1', async () => {
        throw new BackendUnavailableError('store', 'lost', 'timeout');
      }),
    ).resolves.toBeUndefined();
    expect(loginMeter.calls).toBe(1);
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: 'the migration meter could not count logins: they are left out of its counts',
        fields: { logins: 1, reason: 'cache unavailable' },
      },
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain('user1');
  });

  it('logs a meter that keeps failing once a minute, with the number of logins left out since', async () => {
    const clock = new FixedClock();
    const logger = new CapturingLogger();
    const record = new RecordAppLogin({ loginMeter: failingMeter(), clock, logger });
    for (let login = 0; login < 50; login += 1) {
      await record.execute('dj-sso', 'user1', async () => 'localhost:8000');
      clock.advance(2);
    }
    expect(logger.lines.map((line) => line.fields.logins)).toEqual([1, 30]);
  });

  it('does not hold the handshake back: the app gets its user while the meter has not answered', async () => {
    const counted: [string, string][] = [];
    const sso = await ssoUseCases({
      meterSsoLogin: {
        execute: (apiKey, username) => {
          counted.push([apiKey, username]);
          return new Promise(() => {});
        },
      },
    });
    const requestToken = await sso.issue.execute(sso.apiKey);
    const outcome = await sso.logIn.execute({
      request: { apiKey: sso.apiKey, requestToken, next: sso.next },
      username: 'alice',
      password: 'right',
      address: '192.0.2.7',
    });
    if (outcome.kind !== 'bound') throw new Error(`expected the login to be bound, got ${outcome.kind}`);
    const location = new URL(outcome.location);
    const user = await sso.redeem.execute({
      apiKey: sso.apiKey,
      requestToken,
      authToken: location.searchParams.get('auth_token') ?? '',
    });
    expect(user).toMatchObject({ username: 'alice' });
    expect(counted).toEqual([[sso.apiKey, 'alice']]);
  });

  it('counts nothing for a redemption refused', async () => {
    const counted: string[] = [];
    const sso = await ssoUseCases({ meterSsoLogin: { execute: async (_key, username) => void counted.push(username) } });
    const requestToken = await sso.issue.execute(sso.apiKey);
    await expect(sso.redeem.execute({ apiKey: sso.apiKey, requestToken, authToken: 'x'.repeat(43) })).rejects.toMatchObject({
      code: expect.stringMatching(/^sso\./),
    });
    expect(counted).toEqual([]);
  });
});

describe('counting a dj-sso login', () => {
  it('counts it for the SSO host of the key that redeemed it, and not at all for a key without one', async () => {
    const clock = new FixedClock();
    const loginMeter = new MemoryLoginMeter({ clock });
    const credentialStore = new MemoryCredentialStore();
    await credentialStore.save(aCredential({ apiKey: 'sso-key', ssoHost: 'localhost:8000' }));
    await credentialStore.save(aCredential({ apiKey: 'plain-key', ssoHost: null }));
    const recordAppLogin = new RecordAppLogin({ loginMeter, clock, logger: new CapturingLogger() });
    const meter = new MeterSsoLogin({ credentialStore, recordAppLogin });
    await meter.execute('sso-key', 'user1');
    await meter.execute('plain-key', 'user1');
    await meter.execute('no-such-key', 'user1');
    expect(await loginMeter.tallies([TODAY])).toEqual([
      { day: TODAY, app: 'localhost:8000', protocol: 'dj-sso', logins: 1, lastAt: clock.now() },
    ]);
    expect(await loginMeter.users('localhost:8000', 'dj-sso', [TODAY])).toEqual([
      { username: 'user1', logins: 1, lastDay: TODAY },
    ]);
  });
});
