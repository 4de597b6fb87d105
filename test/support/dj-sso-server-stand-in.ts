import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A provider the SSO client knows nothing of but the wire protocol. */
export interface StandInProvider {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** Every path asked for, in order, with whether its v1 signature was good. */
  requests: { path: string; signed: boolean }[];
  close(): Promise<void>;
}

/** The user it hands over, in the shape Django's model_to_dict gives dj-sso-server. */
export const STAND_IN_USER = {
  id: 7,
  username: 'djuser',
  email: 'dj@example.com',
  first_name: 'Django',
  last_name: 'Reinhardt',
  is_staff: false,
  is_superuser: false,
  is_active: true,
  last_login: '2026-11-28T11:00:00Z',
  date_joined: '2026-01-01T00:00:00Z',
  groups: [],
};

/**
 * A stand-in for dj-sso-server, written from its views rather than from Signet: request tokens of 8
 * hex characters under `reqeusttoken/` only, an auth token that is a fixed hash of the request token,
 * dj-api-auth's v1 signature checked on both APIs, and a login page that logs its one user in at once
 * (as its `cwca=yes` did) and sends the browser to `next` with the two tokens.
 */
export async function startDjSsoServerStandIn(apiKey: string, secretKey: string): Promise<StandInProvider> {
  const requests: StandInProvider['requests'] = [];
  const bound = new Map<string, string>();
  const authTokenOf = (requestToken: string): string => createHash('sha1').update(`${secretKey}${requestToken}`).digest('hex');

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const raw = request.url ?? '/';
    const url = new URL(raw, 'http://stand-in');
    const at = raw.indexOf('&signature=');
    const signed =
      at > 0 &&
      url.searchParams.get('apikey') === apiKey &&
      createHmac('sha256', secretKey).update(raw.slice(0, at)).digest('base64') === url.searchParams.get('signature');
    requests.push({ path: url.pathname, signed });
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };

    if (url.pathname === '/sso/reqeusttoken/') {
      if (!signed) return json(403, { error: 'signature error' });
      const token = randomBytes(4).toString('hex');
      bound.set(token, '');
      return json(200, { request_token: token });
    }
    if (url.pathname === '/sso/login/') {
      const token = url.searchParams.get('request_token') ?? '';
      const next = url.searchParams.get('next') ?? '';
      if (!bound.has(token) || url.searchParams.get('api_key') !== apiKey) return json(403, { error: 'invalid request token' });
      bound.set(token, JSON.stringify(STAND_IN_USER));
      const back = new URL(next);
      back.searchParams.set('request_token', token);
      back.searchParams.set('auth_token', authTokenOf(token));
      response.writeHead(302, { location: back.href });
      return response.end();
    }
    if (url.pathname === '/sso/authtoken/') {
      if (!signed) return json(403, { error: 'signature error' });
      const token = url.searchParams.get('request_token') ?? '';
      const info = bound.get(token);
      if (info === undefined) return json(403, { error: 'request token not found' });
      if (info === '') return json(403, { error: 'request token error' });
      bound.delete(token);
      if (url.searchParams.get('auth_token') !== authTokenOf(token)) return json(403, { error: 'auth token error' });
      return json(200, { user: JSON.parse(info) as unknown });
    }
    json(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
