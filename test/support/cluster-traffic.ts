import pLimit from 'p-limit';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { randomNonce, signHeadersV2 } from '../../src/client/signet-client.js';
import { formatBasicIsoDate } from '../../src/domain/api-auth/timestamps.js';
import type { CookieJar } from './cookie-jar.js';
import { csrfTokenOf, loginUrl, redeem, signedGet, DEMO_SSO_KEY } from './sso-flow.js';

/**
 * Steady traffic an operator's Signet sees, for tests that take a Redis Cluster's nodes away under
 * it: v2-signed API requests and SSO handshakes, each outcome kept with the time it was sent.
 */

/** One v2 request as sent: its headers, to replay it later, and what came back. */
export interface V2Outcome {
  headers: Record<string, string>;
  status: number;
  sentAt: number;
  answeredAt: number;
}

/** One SSO handshake: the status of each step, and the token pair when it was redeemed. */
export interface HandshakeOutcome {
  statuses: number[];
  pair: { requestToken: string; authToken: string } | null;
  sentAt: number;
}

/** Signs a v2 GET of /api/hello/ with the demo key, a fresh nonce and the current time. */
export function signedV2(baseUrl: string, nonce = randomNonce()): Record<string, string> {
  return {
    ...signHeadersV2({
      apiKey: DEMO_API_KEY.apiKey,
      secretKey: DEMO_API_KEY.secretKey,
      method: 'GET',
      url: `${baseUrl}/api/hello/`,
      date: formatBasicIsoDate(Date.now()),
      nonce,
    }),
  };
}

export async function sendV2(baseUrl: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${baseUrl}/api/hello/`, { headers });
  await response.arrayBuffer();
  return response.status;
}

export async function v2Request(baseUrl: string): Promise<V2Outcome> {
  const headers = signedV2(baseUrl);
  const sentAt = performance.now();
  const status = await sendV2(baseUrl, headers);
  return { headers, status, sentAt, answeredAt: performance.now() };
}

/**
 * A handshake of dj-sso-client's app for a browser logged in on the provider (`jar`): a request
 * token, the login page, "continue as", and the redemption. Stops at the first step that fails.
 */
export async function ssoHandshake(baseUrl: string, jar: CookieJar, username: string): Promise<HandshakeOutcome> {
  const sentAt = performance.now();
  const statuses: number[] = [];
  const step = async (response: Response): Promise<Response> => {
    statuses.push(response.status);
    return response;
  };
  const issued = await step(await signedGet(baseUrl, '/sso/requesttoken/', DEMO_SSO_KEY));
  if (issued.status !== 200) return { statuses, pair: null, sentAt };
  const token = ((await issued.json()) as { request_token: string }).request_token;
  const page = await step(await jar.fetch(loginUrl(baseUrl, token)));
  const html = await page.text();
  if (page.status !== 200) return { statuses, pair: null, sentAt };
  const done = await step(
    await jar.post(loginUrl(baseUrl, token), { _csrf: csrfTokenOf(html), action: 'continue', user: username }),
  );
  await done.arrayBuffer();
  const location = done.headers.get('location');
  if (done.status !== 302 || !location) return { statuses, pair: null, sentAt };
  const back = new URL(location);
  const pair = {
    requestToken: back.searchParams.get('request_token') ?? '',
    authToken: back.searchParams.get('auth_token') ?? '',
  };
  const redeemed = await step(await redeem(baseUrl, pair.requestToken, pair.authToken));
  await redeemed.arrayBuffer();
  return { statuses, pair: redeemed.status === 200 ? pair : null, sentAt };
}

/** Everything a run of traffic saw. */
export interface TrafficLog {
  v2: V2Outcome[];
  handshakes: HandshakeOutcome[];
}

/**
 * Sends v2 requests from `v2Senders` loops and handshakes from `handshakeSenders` loops, until
 * `done()` says so; every outcome goes into `log`. A failed fetch (no HTTP answer) is a status 0.
 */
export async function runTraffic(options: {
  baseUrl: string;
  jar: CookieJar;
  username: string;
  v2Senders: number;
  handshakeSenders: number;
  log: TrafficLog;
  done: () => boolean;
}): Promise<void> {
  const { baseUrl, jar, username, log, done } = options;
  const v2Loop = async (): Promise<void> => {
    while (!done()) {
      log.v2.push(await v2Request(baseUrl).catch(() => ({ headers: {}, status: 0, sentAt: 0, answeredAt: 0 })));
    }
  };
  const handshakeLoop = async (): Promise<void> => {
    while (!done()) {
      log.handshakes.push(await ssoHandshake(baseUrl, jar, username).catch(() => ({ statuses: [0], pair: null, sentAt: 0 })));
    }
  };
  await Promise.all([
    ...Array.from({ length: options.v2Senders }, v2Loop),
    ...Array.from({ length: options.handshakeSenders }, handshakeLoop),
  ]);
}

/** How many of each status the log holds, v2 requests and handshake steps together. */
export function statusCounts(log: TrafficLog): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of [...log.v2.map((outcome) => outcome.status), ...log.handshakes.flatMap((outcome) => outcome.statuses)]) {
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

/** How many replays are in flight at once: thousands opened together overflow the listen queue of a busy machine. */
const REPLAYS_IN_FLIGHT = 32;

/** Each item's result, `send` running for at most REPLAYS_IN_FLIGHT items at a time, in order. */
export function inFlights<T, R>(items: readonly T[], send: (item: T) => Promise<R>): Promise<R[]> {
  const limit = pLimit(REPLAYS_IN_FLIGHT);
  return Promise.all(items.map((item) => limit(() => send(item))));
}
