import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../../src/adapters/memory/memory-cache.js';
import { MemoryCredentialStore } from '../../../../src/adapters/memory/memory-credential-store.js';
import { CryptoRandomSource } from '../../../../src/adapters/system/crypto-random-source.js';
import { AddSsoHost } from '../../../../src/application/sso-provider/add-sso-host.js';
import { IssueRequestToken } from '../../../../src/application/sso-provider/issue-request-token.js';
import { ListSsoHosts } from '../../../../src/application/sso-provider/list-sso-hosts.js';
import { RemoveSsoHost } from '../../../../src/application/sso-provider/remove-sso-host.js';
import { SSO_ENTRY_POINTS } from '../../../../src/application/sso-provider/sso-entry-points.js';
import { ShowSsoLoginPage } from '../../../../src/application/sso-provider/show-sso-login-page.js';
import { FixedClock } from '../../../support/fixed-clock.js';

describe('managing SSO hosts', () => {
  let clock: FixedClock;
  let store: MemoryCredentialStore;
  let add: AddSsoHost;
  let list: ListSsoHosts;
  let remove: RemoveSsoHost;
  let show: ShowSsoLoginPage;
  let issue: IssueRequestToken;

  beforeEach(() => {
    clock = new FixedClock();
    store = new MemoryCredentialStore();
    const random = new CryptoRandomSource();
    const cache = new MemoryCache({ clock });
    add = new AddSsoHost({ credentialStore: store, cache, clock, random });
    list = new ListSsoHosts({ credentialStore: store });
    remove = new RemoveSsoHost({ credentialStore: store });
    issue = new IssueRequestToken({ cache, clock, random, config: { sso: { requestTokenTtlSeconds: 300 } } });
    show = new ShowSsoLoginPage({ cache, clock, credentialStore: store });
  });

  it('binds a new key to the host, allowed exactly the SSO APIs', async () => {
    const added = await add.execute({ host: 'App.Example.com:8443' });
    expect(added.host).toBe('app.example.com:8443');
    expect(added.secretKey).toMatch(/^[0-9a-f]{64}$/);
    const credential = await store.findByApiKey(added.apiKey);
    expect(credential?.ssoHost).toBe('app.example.com:8443');
    expect([...credential!.entryPoints].sort()).toEqual([...SSO_ENTRY_POINTS].sort());
    expect(credential?.note).toBe('for host: app.example.com:8443 SSO login');
  });

  it('refuses a second live key for the same host, and a malformed host', async () => {
    await add.execute({ host: 'localhost:8000' });
    await expect(add.execute({ host: 'LOCALHOST:8000' })).rejects.toMatchObject({ code: 'sso.host_taken' });
    await expect(add.execute({ host: 'http://localhost:8000/' })).rejects.toMatchObject({ code: 'sso.invalid_host' });
  });

  it('makes one key when a burst of 100 adds the same host at once (a form sent again and again)', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, () => add.execute({ host: 'localhost:8000' })));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'sso.host_taken' });
    }
    expect((await list.execute()).items.filter((host) => host.host === 'localhost:8000' && !host.revoked)).toHaveLength(1);
    // The claim is let go: once the key is removed, the host can be added again.
    await remove.execute('localhost:8000');
    await expect(add.execute({ host: 'localhost:8000' })).resolves.toMatchObject({ host: 'localhost:8000' });
  });

  it('lists the SSO hosts without their SEC keys', async () => {
    const added = await add.execute({ host: 'localhost:8000', note: 'wiki' });
    const hosts = await list.execute();
    expect(hosts.items).toEqual([
      { host: 'localhost:8000', apiKey: added.apiKey, note: 'wiki', createdAt: clock.now(), lastUsedAt: null, revoked: false },
    ]);
    expect(JSON.stringify(hosts)).not.toContain(added.secretKey);
  });

  it('removes a host by revoking its key, which frees the host for a new one', async () => {
    const first = await add.execute({ host: 'localhost:8000' });
    expect(await remove.execute('localhost:8000')).toEqual([first.apiKey]);
    expect((await store.findByApiKey(first.apiKey))?.revoked).toBe(true);
    clock.advance(60);
    const second = await add.execute({ host: 'localhost:8000' });
    expect((await list.execute()).items.map((host) => [host.apiKey, host.revoked])).toEqual([
      [first.apiKey, true],
      [second.apiKey, false],
    ]);
    await expect(remove.execute('localhost:9999')).rejects.toMatchObject({ code: 'sso.host_not_found' });
  });

  it('stops the login page of a removed host at once', async () => {
    const { apiKey } = await add.execute({ host: 'localhost:8000' });
    const requestToken = await issue.execute(apiKey);
    const next = 'http://localhost:8000/back/';
    expect(await show.execute({ apiKey, requestToken, next }, null)).toEqual({
      remoteHost: 'localhost:8000',
      secondsLeft: 300,
      currentUser: null,
    });
    await remove.execute('localhost:8000');
    await expect(show.execute({ apiKey, requestToken, next }, null)).rejects.toMatchObject({ code: 'sso.remote_host_denied' });
  });
});
