import type { KoaContextWithOIDC } from 'oidc-provider';
import { z } from 'zod';
import type { RecordAppLogin } from '../../../application/app-meter/record-app-login.js';
import { appOfRedirectUri } from '../../../domain/app-meter/app-login.js';

const named = z.looseObject({ preferred_username: z.string().min(1) });

/**
 * Middleware of the OpenID provider that counts, for the migration meter, each login that ends in an
 * app: an authorization code redeemed at the token endpoint (the app then holds the user's tokens).
 * The app is the host of the redirect URI the code was issued for; the user, the account's
 * `preferred_username` (its `sub` when it has none). The count is started, never waited for.
 */
export function oidcLoginMeter(recordAppLogin: Pick<RecordAppLogin, 'execute'>) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<unknown>): Promise<void> => {
    await next();
    if (ctx.oidc.route !== 'token' || ctx.status !== 200 || ctx.oidc.params?.grant_type !== 'authorization_code') return;
    const code = ctx.oidc.entities.AuthorizationCode;
    const account = ctx.oidc.entities.Account;
    if (code?.redirectUri === undefined || account === undefined) return;
    const redirectUri = code.redirectUri;
    // Not awaited: the app's tokens are on their way whatever the meter does.
    void usernameOf(account).then((username) =>
      recordAppLogin.execute('oidc', username, async () => appOfRedirectUri(redirectUri)),
    );
  };
}

async function usernameOf(account: NonNullable<KoaContextWithOIDC['oidc']['entities']['Account']>): Promise<string> {
  try {
    const claims = named.safeParse(await account.claims('id_token', 'openid profile', {}, []));
    return claims.success ? claims.data.preferred_username : account.accountId;
  } catch {
    return account.accountId;
  }
}
