import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../support/cookie-jar.js';
import { csrfTokenOf, logInOnSsoPage, loginUrl, redeem, requestToken, tokensFrom } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('an installation that brings its own login page and user serializer', () => {
  let dir: string;
  let service: TestService;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signet-sso-custom-'));
    await mkdir(join(dir, 'templates', 'sso'), { recursive: true });
    await writeFile(
      join(dir, 'templates', 'sso', 'login.njk'),
      `{% extends "layout.njk" %}
{% block content %}
  <h1>Acme staff login for {{ remoteHost }}</h1>
  <p>{{ error }}</p>
  <form method="post" action="{{ action }}">
    <input type="hidden" name="_csrf" value="{{ csrfToken }}">
    <label for="u">Staff id</label><input id="u" name="username" autocomplete="username">
    <label for="p">Secret</label><input id="p" type="password" name="password" autocomplete="current-password">
    <button>Enter</button>
  </form>
{% endblock %}
`,
    );
    await writeFile(
      join(dir, 'serializer.mjs'),
      `export default async function toJson(user) {
  return { id: user.username, name: user.firstName + ' ' + user.lastName, staff: user.isStaff, keys: Object.keys(user).sort() };
}
`,
    );
    service = await startTestService({
      config: testConfig({ SSO_TEMPLATES_DIR: join(dir, 'templates'), SSO_USER_SERIALIZER: join(dir, 'serializer.mjs') }),
    });
  });
  afterAll(async () => {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the login page from SSO_TEMPLATES_DIR, with the built-in layout and autoescaping', async () => {
    const token = await requestToken(service.baseUrl);
    const html = await (await fetch(loginUrl(service.baseUrl, token))).text();
    expect(html).toContain('<h1>Acme staff login for localhost:8000</h1>');
    expect(html).toContain('<header><a href="/">Signet</a>');
    expect(csrfTokenOf(html)).toBeTruthy();

    const failed = await logInOnSsoPage(new CookieJar(), loginUrl(service.baseUrl, token), '<script>', 'x');
    expect(failed.status).toBe(401);
    expect(await failed.text()).not.toContain('<script>');
  });

  it('keeps the built-in templates for every other page', async () => {
    expect(await (await fetch(`${service.baseUrl}/login/`)).text()).toContain('<label for="username">Username</label>');
  });

  it('hands client apps what the SSO_USER_SERIALIZER module makes of the user, given without its password hash', async () => {
    const token = await requestToken(service.baseUrl);
    const { authToken } = tokensFrom(await logInOnSsoPage(new CookieJar(), loginUrl(service.baseUrl, token), 'admin', '123'));
    const response = await redeem(service.baseUrl, token, authToken);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      user: {
        id: 'admin',
        name: 'Ada Admin',
        staff: true,
        keys: [
          'attributes',
          'dateJoined',
          'email',
          'firstName',
          'groups',
          'isActive',
          'isStaff',
          'isSuperuser',
          'lastLogin',
          'lastName',
          'username',
        ],
        // Signet's own field, beside what the module makes: whether this login passed a second factor.
        mfa: false,
      },
    });
  });
});

describe('a user serializer module that cannot be loaded', () => {
  it('stops the start with a line that names the setting, instead of failing the first login', async () => {
    await expect(startTestService({ config: testConfig({ SSO_USER_SERIALIZER: './does/not/exist.mjs' }) })).rejects.toThrow(
      /^SSO_USER_SERIALIZER: \.\/does\/not\/exist\.mjs cannot be loaded/,
    );
  });

  it('stops the start when the module has no default export that is a function', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signet-serializer-'));
    try {
      await writeFile(join(dir, 'bad.mjs'), 'export const toJson = () => ({});\n');
      await expect(startTestService({ config: testConfig({ SSO_USER_SERIALIZER: join(dir, 'bad.mjs') }) })).rejects.toThrow(
        'has no default export that is a function',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
