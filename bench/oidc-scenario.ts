import { createHash } from 'node:crypto';
import { DEMO_OIDC_CLIENT } from '../src/application/demo/demo-data.js';
import { CookieJar } from '../test/support/cookie-jar.js';
import { getRequest, postFormRequest } from './http-connection.js';
import type { Scenario, ServerName } from './scenario.js';

const REDIRECT = DEMO_OIDC_CLIENT.redirectUris[1];
/** One PKCE pair for every unit: each code is single-use whatever its challenge, and hashing is not what is measured. */
const VERIFIER = 'bench-verifier-bench-verifier-bench-verifier-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
const BASIC = `Basic ${Buffer.from(`${DEMO_OIDC_CLIENT.clientId}:${DEMO_OIDC_CLIENT.secret}`).toString('base64')}`;

/**
 * An OpenID Connect login of a browser already logged in (to Signet and to the provider), as a
 * first-party relying party makes it: the authorization request (answered at once with a code),
 * and the code exchange with the client's secret (tokens, an ID token signed with ES256). The
 * counterpart of the SSO handshake's four requests.
 */
export function oidcLogin(name: string, label: string, server: ServerName): Scenario {
  let cookie = '';
  const authorize = (unit: number) =>
    `/oidc/auth?${new URLSearchParams({
      client_id: DEMO_OIDC_CLIENT.clientId,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'openid profile',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
      state: `s${unit}`,
      nonce: `n${unit}`,
    }).toString()}`;

  return {
    name,
    label,
    server,
    unit: 'handshake',
    async setup(target) {
      cookie = await logInThroughProvider(`http://127.0.0.1:${target.port}`, authorize(0));
    },
    prepare(target) {
      let unit = 0;
      return {
        async run(connection) {
          unit += 1;
          const authorized = await connection.send(getRequest(target.port, authorize(unit), { Cookie: cookie }));
          const location = authorized.headers.get('location');
          if (authorized.status !== 303 || !location) return false;
          const code = new URL(location).searchParams.get('code');
          if (code === null) return false;
          const form = new URLSearchParams({
            grant_type: 'authorization_code',
            code,
            redirect_uri: REDIRECT,
            code_verifier: VERIFIER,
          });
          const tokens = await connection.send(
            postFormRequest(target.port, '/oidc/token', form.toString(), { Authorization: BASIC }),
          );
          return tokens.status === 200;
        },
        signedInWindow: () => 0,
      };
    },
  };
}

/** Logs a browser in through the OpenID flow once (user1's password on Signet's page); its cookies. */
async function logInThroughProvider(base: string, authorizePath: string): Promise<string> {
  const jar = new CookieJar();
  let url = new URL(authorizePath, base);
  for (let hop = 0; hop < 10; hop += 1) {
    const response = await jar.fetch(url.href);
    const location = response.headers.get('location');
    if (location !== null) {
      const next = new URL(location, url);
      if (next.pathname === new URL(REDIRECT).pathname) return jar.header();
      url = next;
      continue;
    }
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1];
    if (csrf === undefined) throw new Error(`the OpenID login answered ${response.status} without a form`);
    const posted = await jar.post(url.href, { _csrf: csrf, action: 'login', username: 'user1', password: '123' });
    url = new URL(posted.headers.get('location') ?? '/', url);
  }
  throw new Error('the OpenID login did not reach the callback');
}
