import { describe, expect, it } from 'vitest';
import { appOfRedirectUri } from '../../../../src/domain/app-meter/app-login.js';
import { noUsage, usageByApp } from '../../../../src/domain/app-meter/app-report.js';
import { meterWindow, utcDay } from '../../../../src/domain/app-meter/meter-days.js';

describe('the app of a redirect URI', () => {
  it('is its host and port, written as an SSO host is, so that both protocols meet under one name', () => {
    expect(appOfRedirectUri('http://localhost:8000/oidc/callback')).toBe('localhost:8000');
    expect(appOfRedirectUri('https://Grafana.Example.com/login/generic_oauth')).toBe('grafana.example.com');
    expect(appOfRedirectUri('https://grafana.example.com:443/cb')).toBe('grafana.example.com');
    expect(appOfRedirectUri('http://[::1]:8000/cb')).toBe('[::1]:8000');
  });

  it('is none for a URI without a host an SSO key could have', () => {
    expect(appOfRedirectUri('not a uri')).toBeNull();
    expect(appOfRedirectUri('com.example.app:/callback')).toBeNull();
    expect(appOfRedirectUri('http://exa_mple.com/cb')).toBeNull();
  });
});

describe('the days of the meter', () => {
  it('names a time by its UTC day, whatever the hour', () => {
    expect(utcDay(Date.UTC(2026, 11, 7, 23, 59, 59, 999))).toBe('2026-12-07');
    expect(utcDay(Date.UTC(2026, 11, 8, 0, 0, 0))).toBe('2026-12-08');
  });

  it('reports today and the 29 days before, today first, across a month and a year', () => {
    const window = meterWindow(Date.UTC(2027, 0, 10, 0, 0, 1));
    expect(window).toHaveLength(30);
    expect(window[0]).toBe('2027-01-10');
    expect(window[9]).toBe('2027-01-01');
    expect(window[10]).toBe('2026-12-31');
    expect(window[29]).toBe('2026-12-12');
  });
});

describe("an app's usage", () => {
  const window = meterWindow(Date.UTC(2026, 11, 8, 12));

  it('sums each protocol over the window, keeps the last login of each, and a row per day', () => {
    const usage = usageByApp(window, [
      { day: '2026-12-08', app: 'a', protocol: 'dj-sso', logins: 2, lastAt: 20 },
      { day: '2026-12-01', app: 'a', protocol: 'dj-sso', logins: 3, lastAt: 10 },
      { day: '2026-12-01', app: 'a', protocol: 'oidc', logins: 1, lastAt: 11 },
      { day: '2026-12-08', app: 'b', protocol: 'oidc', logins: 4, lastAt: 30 },
    ]);
    const a = usage.get('a');
    expect(a?.logins).toEqual({ 'dj-sso': 5, oidc: 1 });
    expect(a?.lastLogin).toEqual({ 'dj-sso': 20, oidc: 11 });
    expect(a?.stage).toBe('both');
    expect(a?.days).toHaveLength(30);
    expect(a?.days[0]).toEqual({ day: '2026-12-08', logins: { 'dj-sso': 2, oidc: 0 } });
    expect(a?.days[7]).toEqual({ day: '2026-12-01', logins: { 'dj-sso': 3, oidc: 1 } });
    expect(usage.get('b')?.stage).toBe('oidc only');
  });

  it('leaves out days outside the window, and says when an app had no login', () => {
    const usage = usageByApp(window, [{ day: '2026-11-01', app: 'a', protocol: 'dj-sso', logins: 9, lastAt: 1 }]);
    expect(usage.get('a')?.logins).toEqual({ 'dj-sso': 0, oidc: 0 });
    expect(usage.get('a')?.stage).toBe('no logins');
    expect(noUsage(window).lastLogin).toEqual({ 'dj-sso': null, oidc: null });
    expect(usageByApp(window, [{ day: '2026-12-08', app: 'c', protocol: 'dj-sso', logins: 1, lastAt: 1 }]).get('c')?.stage).toBe(
      'dj-sso only',
    );
  });
});
