import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_POLICY } from '../../src/adapters/http/pages/page-views.js';
import { loggedIn } from '../support/admin-flow.js';
import { CookieJar } from '../support/cookie-jar.js';
import { enrollFromAccount, shownRecoveryCodes } from '../support/factor-flow.js';
import { FixedClock } from '../support/fixed-clock.js';
import { csrfTokenOf, logInToProvider } from '../support/sso-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('the account page', () => {
  let service: TestService;
  const clock = new FixedClock();

  beforeAll(async () => {
    service = await startTestService({ clock });
  });
  afterAll(() => service.close());

  async function account(jar: CookieJar): Promise<{ status: number; html: string; response: Response }> {
    const response = await jar.fetch(`${service.baseUrl}/account/`);
    return { status: response.status, html: await response.clone().text(), response };
  }

  it('sends a visitor who is not logged in to the login page, and refuses a form posted without one', async () => {
    const visitor = new CookieJar();
    const page = await visitor.fetch(`${service.baseUrl}/account/`);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login/?next=%2Faccount%2F');
    const posted = await visitor.post(`${service.baseUrl}/account/sessions/others`, {});
    expect(posted.status).toBe(403);
  });

  it('is a page like the others (CSP, no framing, no caching), every form carrying _csrf', async () => {
    const browser = await loggedIn(service.baseUrl, 'user1', '123');
    const { status, html, response } = await account(browser);
    expect(status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(PAGE_POLICY);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const forms = html.match(/<form\b/g)?.length ?? 0;
    expect(forms).toBeGreaterThan(1);
    expect(html.match(/name="_csrf"/g)).toHaveLength(forms);
    const forged = await browser.post(`${service.baseUrl}/account/sessions/others`, { _csrf: 'forged' });
    expect(forged.status).toBe(403);
  });

  it('lists the user’s live sessions, ends one, and logs out everywhere else, keeping this browser', async () => {
    const here = await loggedIn(service.baseUrl, 'user2', '456');
    const laptop = await loggedIn(service.baseUrl, 'user2', '456');
    const phone = await loggedIn(service.baseUrl, 'user2', '456');
    const { html } = await account(here);
    expect(html.match(/last seen/g)).toHaveLength(3);
    expect(html).toContain('(this browser)');

    // End one session by its slot: the laptop's is the second login.
    const slots = [...html.matchAll(/action="\/account\/sessions\/(\d+)\/end"/g)].map((match) => match[1]);
    expect(slots).toHaveLength(2);
    const ended = await here.post(`${service.baseUrl}/account/sessions/${slots[1]}/end`, { _csrf: csrfTokenOf(html) });
    expect(ended.status).toBe(303);
    expect((await account(laptop)).status).toBe(303);
    expect((await account(phone)).status).toBe(200);

    const again = (await account(here)).html;
    const everywhere = await here.post(`${service.baseUrl}/account/sessions/others`, { _csrf: csrfTokenOf(again) });
    expect(everywhere.status).toBe(303);
    expect((await account(phone)).status).toBe(303);
    expect(everywhere.headers.get('location')).toBe('/account/?notice=others');
    const kept = await here.fetch(`${service.baseUrl}/account/?notice=others`);
    expect(kept.status).toBe(200);
    const keptHtml = await kept.text();
    expect(keptHtml).toContain('Every other session of yours has ended.');
    expect(keptHtml.match(/last seen/g)).toHaveLength(1);
  });

  it('changes the password only with the current one, and ends every other session', async () => {
    const here = await loggedIn(service.baseUrl, 'user1', '123');
    const elsewhere = await loggedIn(service.baseUrl, 'user1', '123');
    const { html } = await account(here);
    const wrong = await here.post(`${service.baseUrl}/account/password`, {
      _csrf: csrfTokenOf(html),
      current: 'not it',
      password: 'a new passphrase',
      repeated: 'a new passphrase',
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Your current password is not right.');
    const differ = await here.post(`${service.baseUrl}/account/password`, {
      _csrf: csrfTokenOf(html),
      current: '123',
      password: 'a new passphrase',
      repeated: 'another passphrase',
    });
    expect(differ.status).toBe(400);

    const changed = await here.post(`${service.baseUrl}/account/password`, {
      _csrf: csrfTokenOf(html),
      current: '123',
      password: 'a new passphrase',
      repeated: 'a new passphrase',
    });
    expect(changed.status).toBe(303);
    expect((await account(here)).status).toBe(200);
    expect((await account(elsewhere)).status).toBe(303);
    expect((await logInToProvider(new CookieJar(), service.baseUrl, 'user1', '123')).status).toBe(401);
    expect((await logInToProvider(new CookieJar(), service.baseUrl, 'user1', 'a new passphrase')).status).toBe(303);
  });

  it('adds and removes an authenticator app, and makes new recovery codes that replace the old', async () => {
    const browser = await loggedIn(service.baseUrl, 'admin', '123');
    const { recoveryCodes } = await enrollFromAccount(browser, service.baseUrl, clock.now());
    let { html } = await account(browser);
    expect(html).toContain('10 recovery codes left');
    const fresh = await browser.post(`${service.baseUrl}/account/recovery-codes`, { _csrf: csrfTokenOf(html) });
    const newCodes = shownRecoveryCodes(await fresh.text());
    expect(newCodes).toHaveLength(10);
    expect(newCodes.some((code) => recoveryCodes.includes(code))).toBe(false);

    html = (await account(browser)).html;
    const id = /action="\/account\/factors\/([^"]+)\/remove"/.exec(html)?.[1] ?? '';
    const removed = await browser.post(`${service.baseUrl}/account/factors/${id}/remove`, { _csrf: csrfTokenOf(html) });
    expect(removed.status).toBe(303);
    html = (await account(browser)).html;
    expect(html).toContain('You log in with your password alone.');
    // No factor, no recovery codes: a password alone logs in again.
    expect((await logInToProvider(new CookieJar(), service.baseUrl, 'admin', '123')).status).toBe(303);
  });
});
