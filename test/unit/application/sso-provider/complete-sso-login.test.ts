import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../../src/adapters/memory/memory-cache.js';
import { MemoryCredentialStore } from '../../../../src/adapters/memory/memory-credential-store.js';
import { MemoryUserDirectory } from '../../../../src/adapters/memory/memory-user-directory.js';
import { CryptoRandomSource } from '../../../../src/adapters/system/crypto-random-source.js';
import { DefaultUserSerializer } from '../../../../src/adapters/system/default-user-serializer.js';
import { AddSsoHost } from '../../../../src/application/sso-provider/add-sso-host.js';
import { CheckLoginRequest } from '../../../../src/application/sso-provider/check-login-request.js';
import { CompleteSsoLogin } from '../../../../src/application/sso-provider/complete-sso-login.js';
import { IssueRequestToken } from '../../../../src/application/sso-provider/issue-request-token.js';
import { RedeemAuthToken } from '../../../../src/application/sso-provider/redeem-auth-token.js';
import { SsoHandshake } from '../../../../src/domain/sso-provider/sso-handshake.js';
import { FixedClock } from '../../../support/fixed-clock.js';
import { aUser } from '../../../support/user-mother.js';

describe('the handshake as use cases, on memory adapters', () => {
  let users: MemoryUserDirectory;
  let apiKey: string;
  let issue: IssueRequestToken;
  let complete: CompleteSsoLogin;
  let redeem: RedeemAuthToken;
  const next = 'http://localhost:8000/sso/auth/?redirect=/';

  beforeEach(async () => {
    const clock = new FixedClock();
    const random = new CryptoRandomSource();
    const credentialStore = new MemoryCredentialStore();
    users = new MemoryUserDirectory();
    await users.save(aUser({ username: 'alice', attributes: { id: 41 } }));
    await users.save(aUser({ username: 'gone', isActive: false }));
    apiKey = (await new AddSsoHost({ credentialStore, clock, random }).execute({ host: 'localhost:8000' })).apiKey;
    const ssoHandshake = new SsoHandshake({
      cache: new MemoryCache({ clock }),
      clock,
      random,
      config: { sso: { requestTokenTtlSeconds: 300 } },
    });
    const checkLoginRequest = new CheckLoginRequest({ credentialStore, ssoHandshake, clock });
    issue = new IssueRequestToken({ ssoHandshake });
    complete = new CompleteSsoLogin({
      checkLoginRequest,
      ssoHandshake,
      userDirectory: users,
      userSerializer: new DefaultUserSerializer(),
    });
    redeem = new RedeemAuthToken({ ssoHandshake });
  });

  it('sends the browser back to next with both tokens, and the client app gets the serialised user', async () => {
    const requestToken = await issue.execute(apiKey);
    const location = new URL(await complete.execute({ apiKey, requestToken, next, username: 'alice' }));
    expect(location.searchParams.get('redirect')).toBe('/');
    expect(location.searchParams.get('request_token')).toBe(requestToken);
    const authToken = location.searchParams.get('auth_token')!;
    expect(await redeem.execute({ apiKey, requestToken, authToken })).toMatchObject({ id: 41, username: 'alice' });
  });

  it('refuses to complete a login for an inactive or unknown user, and binds nobody', async () => {
    const requestToken = await issue.execute(apiKey);
    for (const username of ['gone', 'nobody']) {
      await expect(complete.execute({ apiKey, requestToken, next, username })).rejects.toMatchObject({
        code: 'sso.user_unavailable',
      });
    }
    await expect(redeem.execute({ apiKey, requestToken, authToken: 'A'.repeat(43) })).rejects.toMatchObject({
      code: 'sso.request_token_error',
    });
  });

  it('checks next again when completing, whatever the page was shown with', async () => {
    const requestToken = await issue.execute(apiKey);
    await expect(
      complete.execute({ apiKey, requestToken, next: 'http://evil.example/', username: 'alice' }),
    ).rejects.toMatchObject({
      code: 'sso.remote_host_denied',
    });
  });

  it('refuses a redemption without both tokens as parameter missing', async () => {
    await expect(redeem.execute({ apiKey, requestToken: undefined, authToken: 'x' })).rejects.toMatchObject({
      code: 'sso.parameter_missing',
    });
    await expect(redeem.execute({ apiKey, requestToken: 'x', authToken: '' })).rejects.toMatchObject({
      code: 'sso.parameter_missing',
    });
  });
});
