import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLog } from '../../src/domain/admin/audit-log.port.js';
import type { PasswordHasher } from '../../src/domain/users/password-hasher.port.js';
import type { UserDirectory } from '../../src/domain/users/user-directory.port.js';
import { loggedIn } from '../support/admin-flow.js';
import { CookieJar } from '../support/cookie-jar.js';
import { registerPasskey, signInChallenge, signInWithPasskey } from '../support/passkey-flow.js';
import { SoftAuthenticator, type RequestOptions } from '../support/soft-authenticator.js';
import { logInToProvider, loginUrl, redeem, requestToken, tokensFrom } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';
import { aUser } from '../support/user-mother.js';

const ORIGIN = 'http://localhost:3000';

describe('passkeys', () => {
  let service: TestService;
  let base: string;
  beforeAll(async () => {
    service = await startTestService({ config: testConfig({ PUBLIC_URL: ORIGIN }) });
    base = service.baseUrl;
  });
  afterAll(() => service.close());

  async function whoIsLoggedIn(jar: CookieJar): Promise<string | null> {
    const home = await (await jar.fetch(`${base}/`)).text();
    return /You are logged in as <strong>([^<]+)<\/strong>/.exec(home)?.[1] ?? null;
  }

  let made = 0;
  /**
   * A new user, logged in with their password in a browser of their own: each test's, since a user
   * with a passkey is asked for it after the password from then on.
   */
  async function aLoggedInUser(): Promise<{ username: string; jar: CookieJar }> {
    made += 1;
    const username = `passkey-user-${made}`;
    const passwordHash = await service.container.resolve<PasswordHasher>('passwordHasher').hash('a-password');
    await service.container.resolve<UserDirectory>('userDirectory').save(aUser({ username, passwordHash }));
    return { username, jar: await loggedIn(base, username, 'a-password') };
  }

  /** A new user with a passkey on a new authenticator. */
  async function aUserWithAPasskey(): Promise<{ username: string; authenticator: SoftAuthenticator; id: string }> {
    const { username, jar } = await aLoggedInUser();
    const authenticator = new SoftAuthenticator(ORIGIN);
    const { id, response } = await registerPasskey(jar, base, authenticator);
    expect(response.status).toBe(303);
    return { username, authenticator, id };
  }

  it('registers a passkey from the account, lists it by name, and signs in with it on /login/, no username typed', async () => {
    const { username, jar } = await aLoggedInUser();
    const authenticator = new SoftAuthenticator(ORIGIN);
    const { response } = await registerPasskey(jar, base, authenticator, 'Work laptop');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/account/passkeys/');
    const page = await (await jar.fetch(`${base}/account/passkeys/`)).text();
    expect(page).toContain('value="Work laptop"');
    expect(page).toContain('never');

    const browser = new CookieJar();
    const login = await (await browser.fetch(`${base}/login/`)).text();
    expect(login).toContain('Sign in with a passkey');
    const signedIn = await signInWithPasskey(browser, base, authenticator);
    expect(signedIn.status).toBe(303);
    expect(await whoIsLoggedIn(browser)).toBe(username);
    expect(await (await jar.fetch(`${base}/account/passkeys/`)).text()).not.toContain('never');
  });

  it('renames and removes a passkey; a removed passkey signs no one in', async () => {
    const { jar } = await aLoggedInUser();
    const authenticator = new SoftAuthenticator(ORIGIN);
    const { id } = await registerPasskey(jar, base, authenticator, 'Old name');
    const page = await (await jar.fetch(`${base}/account/passkeys/`)).text();
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    expect((await jar.post(`${base}/account/passkeys/rename/`, { _csrf, id, name: 'New name' })).status).toBe(303);
    expect(await (await jar.fetch(`${base}/account/passkeys/`)).text()).toContain('value="New name"');
    const { jar: other } = await aLoggedInUser();
    const otherCsrf = /name="_csrf" value="([^"]+)"/.exec(await (await other.fetch(`${base}/account/passkeys/`)).text())![1]!;
    const foreign = await other.post(`${base}/account/passkeys/remove/`, { _csrf: otherCsrf, id });
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toContain('You have no such passkey.');
    expect((await jar.post(`${base}/account/passkeys/remove/`, { _csrf, id })).status).toBe(303);
    expect(await (await jar.fetch(`${base}/account/passkeys/`)).text()).not.toContain('New name');

    const refused = await signInWithPasskey(new CookieJar(), base, authenticator);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('This passkey is not registered with Signet.');
  });

  it('refuses an answer made for another origin', async () => {
    const { authenticator } = await aUserWithAPasskey();
    const browser = new CookieJar();
    const { options, _csrf } = await signInChallenge(browser, base, `${base}/login/`);
    const phished = authenticator.get(options, { origin: 'http://localhost.evil.example:3000' });
    const refused = await browser.post(`${base}/login/`, { _csrf, action: 'passkey', passkey: phished });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('This passkey was not accepted.');
    expect(await whoIsLoggedIn(browser)).toBeNull();
  });

  it('refuses an answer signed for another relying party', async () => {
    const { authenticator } = await aUserWithAPasskey();
    const browser = new CookieJar();
    const { options, _csrf } = await signInChallenge(browser, base, `${base}/login/`);
    const refused = await browser.post(`${base}/login/`, {
      _csrf,
      action: 'passkey',
      passkey: authenticator.get(options, { rpId: 'evil.example' }),
    });
    expect(refused.status).toBe(401);
  });

  it('takes a challenge once: a replayed answer is refused, and of a burst of the same answer one signs in', async () => {
    const { authenticator } = await aUserWithAPasskey();
    const browser = new CookieJar();
    const { options, _csrf } = await signInChallenge(browser, base, `${base}/login/`);
    const answer = authenticator.get(options);
    const tabs = Array.from({ length: 6 }, () => browser.clone());
    const answers = await Promise.all(
      tabs.map((tab) => tab.post(`${base}/login/`, { _csrf, action: 'passkey', passkey: answer })),
    );
    expect(answers.map((response) => response.status).sort()).toEqual([303, 400, 400, 400, 400, 400]);
    const again = await tabs[0]!.post(`${base}/login/`, { _csrf, action: 'passkey', passkey: answer });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('This passkey request has expired or was already used.');
  });

  it('refuses an answer to a challenge another browser was given, with or without one of its own', async () => {
    const { authenticator } = await aUserWithAPasskey();
    const victim = new CookieJar();
    const { options } = await signInChallenge(victim, base, `${base}/login/`);
    const stolen = authenticator.get(options);

    const attacker = new CookieJar();
    const attackerCsrf = /name="_csrf" value="([^"]+)"/.exec(await (await attacker.fetch(`${base}/login/`)).text())![1]!;
    const without = await attacker.post(`${base}/login/`, { _csrf: attackerCsrf, action: 'passkey', passkey: stolen });
    expect(without.status).toBe(400);

    const { _csrf } = await signInChallenge(attacker, base, `${base}/login/`);
    const withOwn = await attacker.post(`${base}/login/`, { _csrf, action: 'passkey', passkey: stolen });
    expect(withOwn.status).toBe(401);
    expect(await whoIsLoggedIn(attacker)).toBeNull();
  });

  it('refuses a passkey no one registered', async () => {
    const stranger = new SoftAuthenticator(ORIGIN);
    stranger.create({ challenge: 'AAAA', rp: { id: 'localhost' }, user: { id: 'c29tZW9uZQ' } });
    const refused = await signInWithPasskey(new CookieJar(), base, stranger);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('This passkey is not registered with Signet.');
  });

  it('refuses a signature counter that goes backwards, and writes it to the audit log', async () => {
    const { username, authenticator, id } = await aUserWithAPasskey();
    expect((await signInWithPasskey(new CookieJar(), base, authenticator)).status).toBe(303);
    expect((await signInWithPasskey(new CookieJar(), base, authenticator)).status).toBe(303);

    const copy = new CookieJar();
    const { options, _csrf } = await signInChallenge(copy, base, `${base}/login/`);
    const cloned = await copy.post(`${base}/login/`, {
      _csrf,
      action: 'passkey',
      passkey: authenticator.get(options, { counter: 1 }),
    });
    expect(cloned.status).toBe(403);
    expect(await cloned.text()).toContain('its signature counter went backwards');
    expect(await whoIsLoggedIn(copy)).toBeNull();

    const auditLog = service.container.resolve<AuditLog>('auditLog');
    const entries = await auditLog.list({ action: 'passkey.counter-regressed' }, { limit: 10 });
    const entry = entries.find((candidate) => candidate.details.credential === id);
    expect(entry).toMatchObject({ via: 'login', actor: username, target: username, address: '127.0.0.1' });
    expect(entry?.details).toMatchObject({ storedCounter: 2, receivedCounter: 1 });
    // The authenticator's own next signature, above the stored counter, still signs in.
    expect((await signInWithPasskey(new CookieJar(), base, authenticator)).status).toBe(303);
  });

  it('refuses the passkey of a user who was deactivated', async () => {
    const users = service.container.resolve<UserDirectory>('userDirectory');
    const { username, authenticator } = await aUserWithAPasskey();
    await users.update(username, { isActive: false });
    try {
      const refused = await signInWithPasskey(new CookieJar(), base, authenticator);
      expect(refused.status).toBe(401);
      expect(await refused.text()).toContain('This passkey was not accepted.');
    } finally {
      await users.update(username, { isActive: true });
    }
  });

  it("binds a registration to the user who began it: another user's session cannot finish it", async () => {
    const { jar } = await aLoggedInUser();
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(await (await jar.fetch(`${base}/account/passkeys/`)).text())![1]!;
    const response = await jar.post(`${base}/passkeys/register/options/`, { _csrf });
    const { options } = await response.json();
    const answer = new SoftAuthenticator(ORIGIN).create(options).response;
    // The same browser, now logged in as another user.
    const { jar: other } = await aLoggedInUser();
    other.set('signet_passkey', jar.get('signet_passkey')!);
    other.set('signet_passkey.sig', jar.get('signet_passkey.sig')!);
    const otherCsrf = /name="_csrf" value="([^"]+)"/.exec(await (await other.fetch(`${base}/account/passkeys/`)).text())![1]!;
    const refused = await other.post(`${base}/account/passkeys/`, { _csrf: otherCsrf, name: 'Mine', passkey: answer });
    expect(refused.status).toBe(400);
  });

  it('asks for a login before registering, and a CSRF token of every POST', async () => {
    const anonymous = new CookieJar();
    expect((await anonymous.fetch(`${base}/account/passkeys/`)).status).toBe(303);
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(await (await anonymous.fetch(`${base}/login/`)).text())![1]!;
    expect((await anonymous.post(`${base}/passkeys/register/options/`, { _csrf })).status).toBe(401);
    expect((await anonymous.post(`${base}/passkeys/sign-in/options/`, {})).status).toBe(403);
  });

  it('signs in on the dj-sso page with a passkey: the client app gets its auth token and the user', async () => {
    const { username, authenticator } = await aUserWithAPasskey();
    const browser = new CookieJar();
    const token = await requestToken(base);
    const url = loginUrl(base, token);
    expect(await (await browser.fetch(url)).text()).toContain('Sign in with a passkey');
    const answer = await signInWithPasskey(browser, base, authenticator, url);
    const { requestToken: returned, authToken } = tokensFrom(answer);
    expect(returned).toBe(token);
    const redeemed = await redeem(base, token, authToken);
    expect(redeemed.status).toBe(200);
    const { user } = await redeemed.json();
    expect(user.username).toBe(username);
    // The app is told the login passed a factor stronger than a password.
    expect(user.mfa).toBe(true);
  });

  it('spends no challenge on an SSO page whose request token is not valid', async () => {
    const { authenticator } = await aUserWithAPasskey();
    const browser = new CookieJar();
    const url = loginUrl(base, 'not-a-token');
    const { options, _csrf } = await signInChallenge(browser, base, `${base}/login/`);
    const refused = await browser.post(url, { _csrf, action: 'passkey', passkey: authenticator.get(options) });
    expect(refused.status).toBe(403);
  });
  it('registers from the account page and comes back to it, where the passkey is listed', async () => {
    const { jar } = await aLoggedInUser();
    const account = await (await jar.fetch(`${base}/account/`)).text();
    expect(account).toContain('Passkeys');
    expect(account).toContain('You have no passkey yet.');
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(account)![1]!;
    const options = await (await jar.post(`${base}/passkeys/register/options/`, { _csrf })).json();
    const made = new SoftAuthenticator(ORIGIN).create(options.options);
    const registered = await jar.post(`${base}/account/passkeys/`, {
      _csrf,
      back: '/account/',
      name: 'Phone',
      passkey: made.response,
    });
    expect(registered.status).toBe(303);
    expect(registered.headers.get('location')).toBe('/account/');
    expect(await (await jar.fetch(`${base}/account/`)).text()).toContain('value="Phone"');
  });

  it('asks a user with a passkey for it after the password, and takes only their own', async () => {
    const { username, authenticator } = await aUserWithAPasskey();
    const { authenticator: someoneElses } = await aUserWithAPasskey();
    const browser = new CookieJar();
    const password = await logInToProvider(browser, base, username, 'a-password');
    expect(password.status).toBe(200);
    const step = await password.text();
    expect(step).toContain('Second step');
    expect(step).toContain('Use a passkey');
    expect(browser.names()).not.toContain('signet_session');
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(step)![1]!;

    const foreign = await signInChallengeFor(browser, _csrf);
    const refused = await browser.post(`${base}/login/`, { _csrf, action: 'second-step', passkey: someoneElses.get(foreign) });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('This passkey was not accepted.');
    expect(await whoIsLoggedIn(browser)).toBeNull();

    const own = await signInChallengeFor(browser, _csrf);
    const passed = await browser.post(`${base}/login/`, { _csrf, action: 'second-step', passkey: authenticator.get(own) });
    expect(passed.status).toBe(303);
    expect(await whoIsLoggedIn(browser)).toBe(username);
    expect(await (await browser.fetch(`${base}/account/`)).text()).toContain('with a second factor');
  });

  it("lists a user's passkeys on their admin page, and a reset of their factors removes them, audited", async () => {
    const { username, authenticator } = await aUserWithAPasskey();
    const admin = await loggedIn(base, 'admin', '123');
    const view = await (await admin.fetch(`${base}/admin/users/${username}`)).text();
    expect(view).toMatch(/<td>passkey<\/td><td>Laptop<\/td>/);
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(view)![1]!;
    expect((await admin.post(`${base}/admin/users/${username}/factors/reset`, { _csrf })).status).toBe(303);
    expect(await (await admin.fetch(`${base}/admin/users/${username}`)).text()).not.toContain('<td>passkey</td>');
    const entries = await service.container
      .resolve<AuditLog>('auditLog')
      .list({ action: 'user.reset-factors', target: username }, { limit: 5 });
    expect(entries[0]?.details).toMatchObject({ passkeysRemoved: 1 });
    const refused = await signInWithPasskey(new CookieJar(), base, authenticator);
    expect(refused.status).toBe(401);
  });

  it('refuses a registration made for another origin, and a registration answered twice', async () => {
    const { jar } = await aLoggedInUser();
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(await (await jar.fetch(`${base}/account/passkeys/`)).text())![1]!;
    const phishedOptions = (await (await jar.post(`${base}/passkeys/register/options/`, { _csrf })).json()).options;
    const phished = new SoftAuthenticator(ORIGIN).create(phishedOptions, 'http://localhost.evil.example:3000');
    const refused = await jar.post(`${base}/account/passkeys/`, { _csrf, name: 'Phished', passkey: phished.response });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('This passkey was not accepted.');

    const options = (await (await jar.post(`${base}/passkeys/register/options/`, { _csrf })).json()).options;
    const made = new SoftAuthenticator(ORIGIN).create(options);
    const tab = jar.clone();
    expect((await jar.post(`${base}/account/passkeys/`, { _csrf, name: 'Once', passkey: made.response })).status).toBe(303);
    const twice = await tab.post(`${base}/account/passkeys/`, { _csrf, name: 'Twice', passkey: made.response });
    expect(twice.status).toBe(400);
    const listed = await (await jar.fetch(`${base}/account/passkeys/`)).text();
    expect(listed).toContain('value="Once"');
    expect(listed).not.toContain('Phished');
    expect(listed).not.toContain('value="Twice"');
  });

  async function signInChallengeFor(jar: CookieJar, _csrf: string): Promise<RequestOptions> {
    const response = await jar.post(`${base}/passkeys/sign-in/options/`, { _csrf });
    expect(response.status).toBe(200);
    return (await response.json()).options;
  }
});

describe('passkeys where PUBLIC_URL gives no relying party', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ config: testConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' }) });
  });
  afterAll(() => service.close());

  it('offers no passkey on the login page, and answers 404 for a challenge', async () => {
    const jar = new CookieJar();
    const page = await (await jar.fetch(`${service.baseUrl}/login/`)).text();
    expect(page).not.toContain('Sign in with a passkey');
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    expect((await jar.post(`${service.baseUrl}/passkeys/sign-in/options/`, { _csrf })).status).toBe(404);
  });
});
