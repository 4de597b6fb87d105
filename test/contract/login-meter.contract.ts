import { afterEach, describe, expect, it } from 'vitest';
import type { AppLogin } from '../../src/domain/app-meter/app-login.js';
import type { LoginMeter } from '../../src/domain/app-meter/login-meter.port.js';
import { USERS_NAMED_PER_DAY } from '../../src/domain/app-meter/meter-days.js';

export interface LoginMeterHarness {
  meter: LoginMeter;
  /** The meter as another Signet instance on the same backend sees it (a memory meter: itself). */
  twin: LoginMeter;
  /** Lets `seconds` pass for the backend's expiry. */
  advance(seconds: number): Promise<void>;
  close(): Promise<void>;
}

const DAY = 24 * 60 * 60;
const NOON = Date.UTC(2026, 11, 8, 12, 0, 0);
const TODAY = '2026-12-08';
const YESTERDAY = '2026-12-07';

function login(overrides: Partial<AppLogin> = {}): AppLogin {
  return { app: 'localhost:8000', protocol: 'dj-sso', username: 'user1', at: NOON, ...overrides };
}

/** The LoginMeter port's contract: run once per adapter; `makeHarness` gives an empty meter. */
export function loginMeterContract(name: string, makeHarness: () => Promise<LoginMeterHarness>): void {
  describe(`LoginMeter: ${name}`, () => {
    let harness: LoginMeterHarness | undefined;
    afterEach(async () => {
      await harness?.close();
      harness = undefined;
    });
    const start = async () => {
      harness = await makeHarness();
      return harness;
    };

    it('counts a login for its app, protocol and UTC day, with its time and its user', async () => {
      const { meter } = await start();
      await meter.count(login());
      expect(await meter.tallies([TODAY])).toEqual([
        { day: TODAY, app: 'localhost:8000', protocol: 'dj-sso', logins: 1, lastAt: NOON },
      ]);
      expect(await meter.users('localhost:8000', 'dj-sso', [TODAY])).toEqual([{ username: 'user1', logins: 1, lastDay: TODAY }]);
    });

    it('answers nothing for days, apps and protocols without a login', async () => {
      const { meter } = await start();
      await meter.count(login());
      expect(await meter.tallies([YESTERDAY])).toEqual([]);
      expect(await meter.tallies([])).toEqual([]);
      expect(await meter.users('wiki.example.com', 'dj-sso', [TODAY])).toEqual([]);
      expect(await meter.users('localhost:8000', 'oidc', [TODAY])).toEqual([]);
    });

    it('counts a burst of 100 concurrent logins, from two instances, as exactly 100', async () => {
      const { meter, twin } = await start();
      await Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          (index % 2 === 0 ? meter : twin).count(login({ username: `user${index % 10}`, at: NOON + index })),
        ),
      );
      expect(await twin.tallies([TODAY])).toEqual([
        { day: TODAY, app: 'localhost:8000', protocol: 'dj-sso', logins: 100, lastAt: NOON + 99 },
      ]);
      const users = await meter.users('localhost:8000', 'dj-sso', [TODAY]);
      expect(users).toHaveLength(10);
      expect(users.every((user) => user.logins === 10)).toBe(true);
    });

    it('keeps apps, protocols and days apart; the day is the UTC day of the login', async () => {
      const { meter } = await start();
      await meter.count(login());
      await meter.count(login({ protocol: 'oidc' }));
      await meter.count(login({ app: '127.0.0.1:8000', protocol: 'oidc' }));
      const lastSecondOfYesterday = Date.UTC(2026, 11, 7, 23, 59, 59, 999);
      await meter.count(login({ at: lastSecondOfYesterday }));
      const sorted = (await meter.tallies([TODAY, YESTERDAY])).sort((a, b) =>
        `${a.day} ${a.app} ${a.protocol}`.localeCompare(`${b.day} ${b.app} ${b.protocol}`),
      );
      expect(sorted).toEqual([
        { day: YESTERDAY, app: 'localhost:8000', protocol: 'dj-sso', logins: 1, lastAt: lastSecondOfYesterday },
        { day: TODAY, app: '127.0.0.1:8000', protocol: 'oidc', logins: 1, lastAt: NOON },
        { day: TODAY, app: 'localhost:8000', protocol: 'dj-sso', logins: 1, lastAt: NOON },
        { day: TODAY, app: 'localhost:8000', protocol: 'oidc', logins: 1, lastAt: NOON },
      ]);
    });

    it('keeps the latest time as the last login, whatever order the logins are counted in', async () => {
      const { meter } = await start();
      await meter.count(login({ at: NOON + 5000 }));
      await meter.count(login({ at: NOON }));
      expect((await meter.tallies([TODAY]))[0]?.lastAt).toBe(NOON + 5000);
    });

    it("sums a user's logins over the days asked, with the last of those days they came on", async () => {
      const { meter } = await start();
      await meter.count(login({ at: NOON - DAY * 1000 }));
      await meter.count(login());
      await meter.count(login());
      await meter.count(login({ username: 'user2', at: NOON - DAY * 1000 }));
      const users = (await meter.users('localhost:8000', 'dj-sso', [TODAY, YESTERDAY])).sort((a, b) =>
        a.username.localeCompare(b.username),
      );
      expect(users).toEqual([
        { username: 'user1', logins: 3, lastDay: TODAY },
        { username: 'user2', logins: 1, lastDay: YESTERDAY },
      ]);
    });

    it(`names at most ${USERS_NAMED_PER_DAY} users a day per app and protocol, and still counts every login`, async () => {
      const { meter } = await start();
      for (let batch = 0; batch < USERS_NAMED_PER_DAY + 5; batch += 100) {
        const size = Math.min(100, USERS_NAMED_PER_DAY + 5 - batch);
        await Promise.all(Array.from({ length: size }, (_, index) => meter.count(login({ username: `u${batch + index}` }))));
      }
      await meter.count(login({ username: 'u0' }));
      expect((await meter.tallies([TODAY]))[0]?.logins).toBe(USERS_NAMED_PER_DAY + 6);
      const users = await meter.users('localhost:8000', 'dj-sso', [TODAY]);
      expect(users).toHaveLength(USERS_NAMED_PER_DAY);
      expect(users.find((user) => user.username === 'u0')?.logins).toBe(2);
    });

    it('keeps a day through the 30 days the meter reports, and forgets it after 32', async () => {
      const h = await start();
      await h.meter.count(login());
      await h.advance(30 * DAY);
      expect(await h.meter.tallies([TODAY])).toHaveLength(1);
      expect(await h.meter.users('localhost:8000', 'dj-sso', [TODAY])).toHaveLength(1);
      await h.advance(2 * DAY);
      expect(await h.meter.tallies([TODAY])).toEqual([]);
      expect(await h.meter.users('localhost:8000', 'dj-sso', [TODAY])).toEqual([]);
    });
  });
}
