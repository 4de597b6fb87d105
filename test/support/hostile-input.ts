import fc from 'fast-check';
import { expect } from 'vitest';
import { rawRequest, type RawResponse } from './raw-http.js';
import type { CapturingLogger } from './capturing-logger.js';
import { propertyRuns } from './property-runs.js';

/**
 * Hostile input for property-based tests of any route: arbitraries for the texts, queries, forms and
 * headers an attacker sends, and `assertClearAnswers`, which sends each generated request over a
 * real socket and checks the rule every route keeps: a clear 4xx (JSON `{"error": "..."}`, or an
 * HTML page for pages) or a success, never a 500, never a crash, never a bug in the log.
 *
 * A capability's suite plugs in its own routes and field names:
 *
 *     await assertClearAnswers(service, logger,
 *       fc.record({ method: fc.constant('GET'), target: hostile.query(['filter', 'limit']).map((q) => `/reader/x/?${q}`) }));
 */

/** Words that mean something to a parser, a shell, a template or a database somewhere. */
const NASTY = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  '{"__proto__":{"admin":true}}',
  '{"$where":"1"}',
  '{"$gt":""}',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  '9'.repeat(40),
  '../../etc/passwd',
  '..%2f..%2f',
  '%',
  '%%',
  '%2',
  '%zz',
  '%C3',
  '%C3%28',
  '%ED%A0%80',
  '%00',
  '%0d%0a',
  '#',
  '?',
  '&',
  '=',
  '+',
  ';',
  '\\',
  '//evil.example',
  'javascript:alert(1)',
  'http://evil.example/',
  'http://localhost:8000@evil.example/',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '{% raw %}',
  "' OR '1'='1",
  '\u0000',
  '\u202e',
  '\ud800',
  '🔐',
  'ﬀ',
  'İ',
] as const;

/** A hostile text: a nasty word, random text of any Unicode (lone surrogates too), or both glued together. */
export function text(): fc.Arbitrary<string> {
  const word = fc.constantFrom(...NASTY);
  const any = fc.string({ unit: 'binary', maxLength: 40 });
  return fc.oneof(
    word,
    any,
    fc.tuple(word, any, word).map((parts) => parts.join('')),
    fc.string({ unit: 'binary-ascii', minLength: 200, maxLength: 3000 }),
  );
}

/** `text` as it might travel in a URL: raw, percent-encoded, or half of each. */
export function urlText(): fc.Arbitrary<string> {
  return fc.oneof(
    text(),
    text().map((value) => safeEncode(value)),
    text().map((value) => safeEncode(value).replace(/%2[0-9A-F]/g, (escape) => decodeURIComponent(escape))),
  );
}

/**
 * A raw query string: pieces named from `names` (or anything), with hostile values, repeated
 * names, pieces without `=`, and empty pieces. Never more than the 100 parameters Signet allows,
 * so that the route itself is reached.
 */
export function query(names: readonly string[] = []): fc.Arbitrary<string> {
  const name = names.length > 0 ? fc.oneof(fc.constantFrom(...names), urlText()) : urlText();
  const piece = fc.oneof(
    fc.tuple(name, urlText()).map(([n, v]) => `${n}=${v}`),
    name,
    fc.constant(''),
  );
  return fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('&'));
}

/** A urlencoded form of these field names (or anything), hostile values included. */
export function form(names: readonly string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...names), text()), text()), { maxLength: 10 })
    .map((fields) => new URLSearchParams(fields).toString());
}

/** One request as a client may write it. CR and LF are taken out: HTTP framing is Node's parser's to judge. */
export interface HostileRequest {
  method: string;
  /** The request target as sent: path and query, not necessarily valid. */
  target: string;
  headers?: readonly (readonly [string, string])[];
  body?: string;
}

/** The same request, every time: for logging a counterexample. */
export function describeRequest(request: HostileRequest): string {
  return JSON.stringify(request);
}

/**
 * Sends `request` on a connection of its own and returns the answer. The target and header values
 * lose CR, LF and NUL (which would end the request line or a header early), nothing else.
 */
export function send(baseUrl: string, request: HostileRequest): Promise<RawResponse> {
  const { host } = new URL(baseUrl);
  const clean = (value: string) => value.replace(/[\r\n\0]/g, '');
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const lines = [
    `${request.method} ${clean(request.target).replace(/ /g, '%20') || '/'} HTTP/1.1`,
    `Host: ${host}`,
    ...(request.headers ?? []).map(([name, value]) => `${clean(name)}: ${clean(value)}`),
    ...(body ? [`Content-Length: ${body.length}`] : []),
    'Connection: close',
    '',
    '',
  ];
  return rawRequest(baseUrl, lines.join('\r\n'), body);
}

/**
 * The rule every answer keeps: below 500; and a refusal says why, as JSON `{"error": "..."}` or,
 * for a page, as an HTML page.
 */
export function expectClearAnswer(answer: RawResponse, request: HostileRequest): void {
  const context = `${answer.status} for ${describeRequest(request)}: ${answer.body.slice(0, 300)}`;
  expect(answer.status, context).toBeGreaterThanOrEqual(200);
  expect(answer.status, context).toBeLessThan(500);
  if (answer.status < 400 || request.method === 'HEAD') return;
  const type = answer.headers['content-type'] ?? '';
  if (type.startsWith('text/html')) {
    expect(answer.body, context).toMatch(/<html[\s>]/i);
    return;
  }
  expect(type, context).toMatch(/^application\/json/);
  const parsed: unknown = JSON.parse(answer.body);
  expect(parsed, context).toEqual({ error: expect.any(String) });
}

export interface ClearAnswersOptions {
  /** Generated requests per property; propertyRuns(150) by default. */
  numRuns?: number;
  /** More to check of each answer, such as the statuses a route may give. */
  alsoExpect?: (answer: RawResponse, request: HostileRequest) => void;
}

/**
 * Sends every request `requests` generates to the service and checks each answer with
 * `expectClearAnswer` (and `alsoExpect`); then checks that the service still serves and that it
 * logged no error, since an answer that looks clear may still hide a bug the service logged.
 */
export async function assertClearAnswers(
  service: { baseUrl: string },
  logger: CapturingLogger,
  requests: fc.Arbitrary<HostileRequest>,
  options: ClearAnswersOptions = {},
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(requests, async (request) => {
      const answer = await send(service.baseUrl, request);
      expectClearAnswer(answer, request);
      options.alsoExpect?.(answer, request);
    }),
    { numRuns: options.numRuns ?? propertyRuns(150) },
  );
  expect(logger.errors()).toEqual([]);
  expect((await send(service.baseUrl, { method: 'GET', target: '/health/live' })).status).toBe(200);
}

/** encodeURIComponent that never throws: a lone surrogate becomes the bytes of U+FFFD, as a browser sends it. */
function safeEncode(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

export const hostile = { text, urlText, query, form };
