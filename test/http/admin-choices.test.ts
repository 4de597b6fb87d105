import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CredentialPageQuery } from '../../src/domain/api-auth/credential-store.port.js';
import type { UserPageQuery } from '../../src/domain/users/user-directory.port.js';
import { submitOn } from '../support/admin-flow.js';
import { startWithAdminSession } from '../support/admin-session.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { aCredential } from '../support/credential-mother.js';
import type { TestService } from '../support/test-service.js';
import { aUser } from '../support/user-mother.js';

const COUNT = 620;
const userName = (n: number) => `picker-${String(n).padStart(4, '0')}`;
const keyName = (n: number) => `AK-picker-${String(n).padStart(4, '0')}`;
const FAR_USER = userName(550);
const FAR_KEY = keyName(550);

const choicesAnswer = z.object({ choices: z.array(z.object({ value: z.string(), label: z.string() })) });

/** The values a page's datalist `id` offers. */
function offered(html: string, id: string): string[] {
  const list = new RegExp(`<datalist id="${id}">([\\s\\S]*?)</datalist>`).exec(html)?.[1];
  if (list === undefined) throw new Error(`the page has no datalist ${id}`);
  return [...list.matchAll(/<option value="([^"]*)">/g)].map((match) => match[1] ?? '');
}

describe('the user and key fields of the key, reader and try pages, with 620 users and 620 keys', () => {
  let service: TestService;
  let jar: CookieJar;
  /** The limit of every page the stores were asked for since the last reset. */
  let userPages: number[] = [];
  let keyPages: number[] = [];

  beforeAll(async () => {
    ({ service, jar } = await startWithAdminSession());
    const { userDirectory, credentialStore } = service.container.cradle;
    for (let n = 1; n <= COUNT; n += 1) {
      await userDirectory.save(aUser({ username: userName(n), email: `${userName(n)}@example.com` }));
      await credentialStore.save(
        aCredential({ apiKey: keyName(n), note: `picker key ${n}`, createdAt: Date.UTC(2026, 0, 1) + n }),
      );
    }
    const listUsers = userDirectory.listPage.bind(userDirectory);
    userDirectory.listPage = (query: UserPageQuery) => {
      userPages.push(query.limit);
      return listUsers(query);
    };
    const listKeys = credentialStore.listPage.bind(credentialStore);
    credentialStore.listPage = (query: CredentialPageQuery) => {
      keyPages.push(query.limit);
      return listKeys(query);
    };
  }, 60_000);
  afterAll(() => service.close());

  const load = async (path: string) => {
    userPages = [];
    keyPages = [];
    const response = await jar.fetch(`${service.baseUrl}${path}`);
    expect(response.status, path).toBe(200);
    return response.text();
  };
  const choices = async (path: string) => {
    const response = await jar.fetch(`${service.baseUrl}${path}`);
    expect(response.status, path).toBe(200);
    expect(response.headers.get('content-type'), path).toContain('application/json');
    expect(response.headers.get('cache-control'), path).toBe('no-store');
    return choicesAnswer.parse(await response.json()).choices.map((choice) => choice.value);
  };
  /** Every store read since the page was asked for was of one page of at most 50. */
  const expectOnePage = (pages: readonly number[]) => {
    expect(pages).toHaveLength(1);
    expect(pages[0]).toBeLessThanOrEqual(50);
  };

  it('a new key: the page offers a first page of users, the field finds the 550th, and the key is bound to it', async () => {
    const html = await load('/admin/keys/new');
    expectOnePage(userPages);
    expect(offered(html, 'username-choices').length).toBeLessThanOrEqual(50);
    expect(html).not.toContain(FAR_USER);
    expect(await choices(`/admin/choices/users?bindable=1&q=${FAR_USER}`)).toEqual([FAR_USER]);
    const created = await submitOn(jar, service.baseUrl, '/admin/keys/new', '/admin/keys/', { username: FAR_USER, note: 'far' });
    expect(created.status).toBe(303);
    const apiKey = decodeURIComponent(created.headers.get('location')!.split('/').pop()!);
    expect((await service.container.cradle.credentialStore.findByApiKey(apiKey))?.username).toBe(FAR_USER);
  });

  it("a key's page: the same first page of users, and the 550th can be chosen", async () => {
    const path = `/admin/keys/${keyName(3)}`;
    const html = await load(path);
    expectOnePage(userPages);
    expect(offered(html, 'username-choices').length).toBeLessThanOrEqual(50);
    const saved = await submitOn(jar, service.baseUrl, path, path, {
      username: FAR_USER,
      note: 'moved',
      entryPoints: 'GET /api/hello/',
      originalExpiry: '',
    });
    expect(saved.status).toBe(303);
    expect((await service.container.cradle.credentialStore.findByApiKey(keyName(3)))?.username).toBe(FAR_USER);
  });

  it('try a request: a first page of keys, the field finds the 550th by its key or its note, and it signs as it', async () => {
    const html = await load('/admin/try/');
    expectOnePage(keyPages);
    expect(offered(html, 't-key-choices').length).toBeLessThanOrEqual(50);
    expect(html).not.toContain(FAR_KEY);
    expect(await choices(`/admin/choices/keys?q=${FAR_KEY}`)).toEqual([FAR_KEY]);
    expect(await choices(`/admin/choices/keys?q=${encodeURIComponent('picker key 550')}`)).toEqual([FAR_KEY]);
    const signed = await submitOn(jar, service.baseUrl, '/admin/try/', '/admin/try/', {
      apiKey: FAR_KEY,
      protocol: 'v2',
      method: 'GET',
      url: `${service.baseUrl}/api/hello/`,
      body: '',
      contentType: '',
    });
    const signedHtml = await signed.text();
    expect(signed.status).toBe(200);
    expect(signedHtml).toMatch(/<pre id="signature">[^<]+<\/pre>/);
    expect(signedHtml).toContain(`id="t-key" name="apiKey" value="${FAR_KEY}"`);
  });

  it('the reader: a first page of users, the field finds the 550th, and the try is as it', async () => {
    const html = await load('/admin/reader/');
    expectOnePage(userPages);
    expect(offered(html, 'r-user-choices').length).toBeLessThanOrEqual(50);
    expect(await choices(`/admin/choices/users?q=${FAR_USER}`)).toEqual([FAR_USER]);
    const tried = await submitOn(jar, service.baseUrl, '/admin/reader/', '/admin/reader/#trial', {
      username: FAR_USER,
      database: 'db1',
      collection: 'user_collection1',
      command: 'find',
      criteria: '',
    });
    const triedHtml = await tried.text();
    expect(tried.status).toBe(200);
    expect(triedHtml).toContain('id="trial"');
    expect(triedHtml).toContain(`id="r-user" name="username" value="${FAR_USER}"`);
  });

  it('offers at most one page however broad the search, and only to a logged-in staff user', async () => {
    userPages = [];
    keyPages = [];
    expect((await choices('/admin/choices/users?q=picker')).length).toBe(50);
    expect((await choices('/admin/choices/keys?q=picker')).length).toBe(50);
    expectOnePage(userPages);
    expectOnePage(keyPages);
    const anonymous = await fetch(`${service.baseUrl}/admin/choices/users?q=${FAR_USER}`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/login\/\?next=/);
    expect(await anonymous.text()).not.toContain('"choices"');
  });
});
