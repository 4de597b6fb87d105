import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SSO_HOST } from '../../src/application/demo/demo-data.js';
import type { SignetClient } from '../../src/client/signet-client.js';
import { adminCall, adminClient, loggedIn } from '../support/admin-flow.js';
import { oidcLoginUpToCode, ssoLogin, ssoLoginUpToRedemption } from '../support/app-meter-flow.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { startOidcService } from '../support/oidc-flow.js';
import type { TestService } from '../support/test-service.js';

const DEMO_APP = DEMO_SSO_HOST.host;
const APP_PATH = `/admin/api/apps/${encodeURIComponent(DEMO_APP)}`;

interface DayRow {
  day: string;
  logins: { 'dj-sso': number; oidc: number };
}

/** The counts of a row of an app page's daily table: `[dj-sso, oidc]`. */
function pageRow(html: string, day: string): [number, number] | null {
  const row = new RegExp(
    `<tr data-day="${day}"><td>${day}</td><td class="count-dj-sso">(\\d+)</td><td class="count-oidc">(\\d+)</td></tr>`,
  ).exec(html);
  return row ? [Number(row[1]), Number(row[2])] : null;
}

describe('the migration meter over HTTP', () => {
  let service: TestService;
  let admin: SignetClient;
  let jar: CookieJar;
  let issuer: string;

  beforeAll(async () => {
    service = await startOidcService();
    admin = adminClient(service.baseUrl);
    jar = await loggedIn(service.baseUrl);
    issuer = `${service.baseUrl}/oidc`;
  });
  afterAll(() => service.close());

  const today = async (): Promise<DayRow> => {
    const answer = await adminCall(admin, 'GET', APP_PATH);
    expect(answer.status).toBe(200);
    return (answer.body as { days: DayRow[] }).days[0]!;
  };

  it("shows one login of each protocol on today's row of the demo app, in the API and on its page, once the app has redeemed each", async () => {
    expect((await today()).logins).toEqual({ 'dj-sso': 0, oidc: 0 });

    // Issued is not yet a login: the count waits for the app to redeem what the browser brought back.
    const sso = await ssoLoginUpToRedemption(service.baseUrl, 'user1', '123');
    const oidc = await oidcLoginUpToCode(issuer, 'user2', '456');
    expect((await today()).logins).toEqual({ 'dj-sso': 0, oidc: 0 });

    expect((await sso.redeem()).status).toBe(200);
    const tokens = await oidc.exchange();
    expect(tokens.id_token).toBeDefined();
    await expect.poll(async () => (await today()).logins, { timeout: 10_000 }).toEqual({ 'dj-sso': 1, oidc: 1 });

    const row = await today();
    const detail = (await adminCall(admin, 'GET', APP_PATH)).body;
    expect(detail).toMatchObject({
      app: DEMO_APP,
      ssoKeys: [DEMO_SSO_HOST.apiKey],
      oidcClients: [{ clientId: 'demo-oidc', name: 'Signet demo app', disabled: false }],
      logins: { 'dj-sso': 1, oidc: 1 },
      lastLogin: { 'dj-sso': expect.any(Number), oidc: expect.any(Number) },
      stage: 'both',
      djSsoUsers: { total: 1, items: [{ username: 'user1', logins: 1, lastDay: row.day }] },
    });
    expect(detail.days).toHaveLength(30);

    const list = await adminCall(admin, 'GET', '/admin/api/apps?q=localhost');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, next: null });
    expect(list.body.items[0]).toMatchObject({ app: DEMO_APP, logins: { 'dj-sso': 1, oidc: 1 }, stage: 'both' });
    expect(list.body.items[0].days).toBeUndefined();

    const page = await jar.fetch(`${service.baseUrl}/admin/apps/${encodeURIComponent(DEMO_APP)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(pageRow(html, row.day)).toEqual([1, 1]);
    expect(html).toContain('<td>user1</td><td>1</td>');
    expect(html).not.toContain('user2</td>');

    const listPage = await (await jar.fetch(`${service.baseUrl}/admin/apps/`)).text();
    expect(listPage).toContain('<a href="/admin/apps/">Apps</a>'.replace('>Apps', ' aria-current="page">Apps'));
    expect(listPage).toMatch(
      /<tr data-app="localhost:8000">[\s\S]*?<td class="count-dj-sso">1<\/td>\s*<td class="count-oidc">1<\/td>/,
    );
    // The demo client also redirects to 127.0.0.1:8000: that host is an app of its own, where nobody logged in.
    expect(listPage).toMatch(
      /<tr data-app="127.0.0.1:8000">[\s\S]*?<td class="count-dj-sso">0<\/td>\s*<td class="count-oidc">0<\/td>/,
    );
  });

  it('answers 404 for a host nobody registered or logged in to, and 400 for text that is no host', async () => {
    const unknown = await adminCall(admin, 'GET', '/admin/api/apps/nobody.example.com');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: expect.stringContaining('no app "nobody.example.com"') });
    const invalid = await adminCall(admin, 'GET', `/admin/api/apps/${encodeURIComponent('http://x/')}`);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({ error: expect.any(String) });
    const page = await jar.fetch(`${service.baseUrl}/admin/apps/nobody.example.com`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('no app &quot;nobody.example.com&quot;');
    const refused = await adminCall(admin, 'GET', '/admin/api/apps?limit=0');
    expect(refused.status).toBe(400);
  });

  it('counts a burst of dj-sso redemptions, all at once, exactly', async () => {
    const before = (await today()).logins['dj-sso'];
    // The passwords one after the other (Signet queues password checks), the redemptions all at once.
    const logins = [];
    for (let login = 0; login < 10; login += 1) logins.push(await ssoLoginUpToRedemption(service.baseUrl, 'user1', '123'));
    const answers = await Promise.all(logins.map((login) => login.redeem()));
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    await expect.poll(async () => (await today()).logins['dj-sso'], { timeout: 10_000 }).toBe(before + 10);
  });

  it('counts nothing for a redemption refused, nor for a code exchanged twice', async () => {
    const before = (await today()).logins;
    const sso = await ssoLoginUpToRedemption(service.baseUrl, 'user1', '123');
    expect((await sso.redeem()).status).toBe(200);
    expect((await sso.redeem()).status).toBe(403);
    const oidc = await oidcLoginUpToCode(issuer, 'user2', '456');
    await oidc.exchange();
    await expect(oidc.exchange()).rejects.toMatchObject({ error: 'invalid_grant' });
    await ssoLogin(service.baseUrl, 'user1', '123');
    // The last login is counted after the others: once it shows, theirs would have too.
    await expect
      .poll(async () => (await today()).logins, { timeout: 10_000 })
      .toEqual({ 'dj-sso': before['dj-sso'] + 2, oidc: before.oidc + 1 });
  });
});
