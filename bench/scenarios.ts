import { DEMO_API_KEY, DEMO_SSO_HOST } from '../src/application/demo/demo-data.js';
import { randomNonce, signHeadersV2, signUrlV1 } from '../src/client/signet-client.js';
import { formatBasicIsoDate } from '../src/domain/api-auth/timestamps.js';
import { HttpConnection, getRequest, postFormRequest } from './http-connection.js';
import { oidcLogin } from './oidc-scenario.js';
import { hawkAuthorization, hmacHeaders } from './peers/peer-key.js';
import type { Scenario, ServerName } from './scenario.js';

export type { PreparedRound, Scenario, ServerName } from './scenario.js';

/** A scenario of one GET answered `status` (200 unless said), each signed (or not) by `make` ahead of the round. */
function singleRequest(name: string, label: string, server: ServerName, make: (port: number) => Buffer, status = 200): Scenario {
  return {
    name,
    label,
    server,
    unit: 'request',
    prepare(target, count) {
      const signed: (Buffer | undefined)[] = Array.from({ length: count }, () => make(target.port));
      let next = 0;
      let extra = 0;
      return {
        async run(connection) {
          let request = signed[next];
          if (request === undefined) {
            extra += 1;
            request = make(target.port);
          } else {
            // Dropped once sent, so that the garbage collector can take it while the round runs.
            signed[next] = undefined;
          }
          next += 1;
          return (await connection.send(request)).status === status;
        },
        signedInWindow: () => extra,
      };
    },
  };
}

const { apiKey, secretKey } = DEMO_API_KEY;
const now = () => Date.now();

const v1Request = (port: number) =>
  getRequest(port, signUrlV1({ apiKey, secretKey, url: '/api/hello/', timestamp: Math.floor(now() / 1000) }));
const v2Request = (port: number) =>
  getRequest(port, '/api/hello/', {
    ...signHeadersV2({
      apiKey,
      secretKey,
      method: 'GET',
      url: `http://127.0.0.1:${port}/api/hello/`,
      date: formatBasicIsoDate(now()),
      nonce: randomNonce(),
    }),
  });

/** The reader's query in both reader scenarios: 50 documents of the demo collection, sorted by name. */
export const READER_FIND_PARAMETERS: Readonly<Record<string, string>> = { limit: '50', sort: '{"name":1}' };

export const scenarios: readonly Scenario[] = [
  singleRequest('koa', 'bare Koa + @koa/router', 'koa', (port) => getRequest(port, '/api/hello/')),
  singleRequest('hawk', 'the route behind @hapi/hawk', 'hawk', (port) =>
    getRequest(port, '/api/hello/', { Authorization: hawkAuthorization(`http://127.0.0.1:${port}/api/hello/`) }),
  ),
  singleRequest('hmac', 'the route behind a hand-written HMAC check', 'hmac', (port) =>
    getRequest(port, '/api/hello/', hmacHeaders('/api/hello/')),
  ),
  singleRequest('public', 'Signet, unprotected `/api/public/hello/`', 'signet', (port) => getRequest(port, '/api/public/hello/')),
  singleRequest('v1', 'Signet, v1-signed `/api/hello/`', 'signet', v1Request),
  singleRequest(
    'v1-refused',
    'Signet, v1 `/api/hello/` signed with a wrong SEC key (403)',
    'signet',
    (port) =>
      getRequest(
        port,
        signUrlV1({ apiKey, secretKey: 'not-the-sec-key', url: '/api/hello/', timestamp: Math.floor(now() / 1000) }),
      ),
    403,
  ),
  singleRequest('v2', 'Signet, v2-signed `/api/hello/`, nonces in memory', 'signet', v2Request),
  singleRequest('v2-redis', 'Signet, v2-signed `/api/hello/`, nonces in Redis', 'signet-redis', v2Request),
  singleRequest(
    'v2-cluster',
    'Signet, v2-signed `/api/hello/`, nonces on a Redis Cluster (3 masters + 3 replicas), each waiting for a replica (`WAIT 1`)',
    'signet-cluster',
    v2Request,
  ),
  singleRequest('public-logged', 'Signet, unprotected, with the request log on', 'signet-logging', (port) =>
    getRequest(port, '/api/public/hello/'),
  ),
  readerFind(),
  singleRequest(
    'reader-direct',
    'the same find called directly on the same source, from a bare Koa route',
    'reader-direct',
    (port) => getRequest(port, '/direct/find'),
  ),
  ssoHandshake('sso', 'SSO handshake, cache in memory', 'signet'),
  ssoHandshake('sso-redis', 'SSO handshake, cache in Redis', 'signet-redis'),
  oidcLogin('oidc', 'OpenID login with a session (authorization request, code exchange), cache in memory', 'signet'),
  oidcLogin('oidc-redis', 'OpenID login with a session (authorization request, code exchange), cache in Redis', 'signet-redis'),
];

/** The reader's `_find` as user1 reads it on the page: the session's cookie, the policy, the query. */
function readerFind(): Scenario {
  const path = `/mongo/db1/user_collection1/_find?${new URLSearchParams(READER_FIND_PARAMETERS).toString()}`;
  let cookie = '';
  const scenario = singleRequest('reader', "Signet, the reader's `_find` of 50 documents, as user1", 'signet', (port) =>
    getRequest(port, path, { Cookie: cookie }),
  );
  return {
    ...scenario,
    async setup(target) {
      cookie = await logIn(target.port, 'user1', '123');
      const connection = new HttpConnection(target.port);
      try {
        const answer = await connection.send(getRequest(target.port, path, { Cookie: cookie }));
        const found = /"results":\[/.test(answer.body.toString('utf8'));
        if (answer.status !== 200 || !found) throw new Error(`the reader's _find answered ${answer.status}`);
      } finally {
        connection.close();
      }
    },
  };
}

/** Logs a browser in through the provider's form; its session cookie. */
export async function logIn(port: number, username: string, password: string): Promise<string> {
  const connection = new HttpConnection(port);
  try {
    const page = await connection.send(getRequest(port, '/login/'));
    const form = new URLSearchParams({ _csrf: csrfOf(page.body), username, password }).toString();
    const login = await connection.send(
      postFormRequest(port, '/login/', form, { Cookie: cookiesOf(page.headers.get('set-cookie')) }),
    );
    if (login.status !== 303) throw new Error(`logging in as ${username} answered ${login.status}`);
    return cookiesOf(login.headers.get('set-cookie'));
  } finally {
    connection.close();
  }
}

/**
 * The whole SSO handshake as a client app and a logged-in browser make it: the app's signed
 * request for a token, the browser's view of the login page and its "continue as" POST, and the
 * app's signed redemption. The redemption names the tokens the handshake made, so it is the one
 * request signed inside the window (one HMAC, a few microseconds of the generator's time).
 */
function ssoHandshake(name: string, label: string, server: ServerName): Scenario {
  const sso = { apiKey: DEMO_SSO_HOST.apiKey, secretKey: DEMO_SSO_HOST.secretKey };
  const next = encodeURIComponent('http://localhost:8000/sso/auth/');
  let cookie = '';
  let csrf = '';
  const tokenRequest = (port: number) =>
    getRequest(port, signUrlV1({ ...sso, url: '/sso/requesttoken/', timestamp: Math.floor(now() / 1000) }));
  const loginTarget = (token: string) => `/sso/login/?api_key=${sso.apiKey}&request_token=${token}&next=${next}`;

  return {
    name,
    label,
    server,
    unit: 'handshake',
    async setup(target) {
      const connection = new HttpConnection(target.port);
      try {
        // Log the browser in to the provider once: every handshake then continues as that user.
        cookie = await logIn(target.port, 'admin', '123');
        const token = requestTokenOf((await connection.send(tokenRequest(target.port))).body);
        csrf = csrfOf((await connection.send(getRequest(target.port, loginTarget(token), { Cookie: cookie }))).body);
      } finally {
        connection.close();
      }
    },
    prepare(target, count) {
      const signed: (Buffer | undefined)[] = Array.from({ length: count }, () => tokenRequest(target.port));
      let taken = 0;
      let extra = 0;
      const continueForm = new URLSearchParams({ _csrf: csrf, action: 'continue', user: 'admin' }).toString();
      return {
        async run(connection) {
          let request = signed[taken];
          if (request === undefined) {
            extra += 1;
            request = tokenRequest(target.port);
          } else {
            signed[taken] = undefined;
          }
          taken += 1;
          const issued = await connection.send(request);
          if (issued.status !== 200) return false;
          const token = requestTokenOf(issued.body);
          const page = await connection.send(getRequest(target.port, loginTarget(token), { Cookie: cookie }));
          if (page.status !== 200) return false;
          const granted = await connection.send(
            postFormRequest(target.port, loginTarget(token), continueForm, { Cookie: cookie }),
          );
          const location = granted.headers.get('location');
          if (granted.status !== 302 || !location) return false;
          const authToken = new URL(location).searchParams.get('auth_token') ?? '';
          const redeem = signUrlV1({
            ...sso,
            url: `/sso/authtoken/?request_token=${token}&auth_token=${authToken}`,
            timestamp: Math.floor(now() / 1000),
          });
          return (await connection.send(getRequest(target.port, redeem))).status === 200;
        },
        signedInWindow: () => extra,
      };
    },
  };
}

function cookiesOf(setCookie: string | undefined): string {
  return (setCookie ?? '')
    .split('\n')
    .map((line) => line.split(';')[0]!)
    .filter((pair) => pair.includes('=') && !pair.endsWith('='))
    .join('; ');
}

export function csrfOf(html: Buffer): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html.toString('utf8'));
  if (!match) throw new Error('no CSRF token on the page');
  return match[1]!;
}

export function requestTokenOf(body: Buffer): string {
  const match = /"request_token":"([^"]+)"/.exec(body.toString('utf8'));
  if (!match) throw new Error(`no request token in ${body.toString('utf8')}`);
  return match[1]!;
}
