import { parseSsoHost } from './sso-host.js';

const defaultPorts: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Backslashes (which browsers read as slashes), whitespace and control characters. */
const unsafeCharacters = /[\\\s\u0000-\u001f\u007f]/;

/**
 * True when the browser may be sent to `next` for an app bound to `boundHost`: an absolute http(s)
 * URL, without userinfo, whose host and port are the bound ones. https is required except on the
 * loopback host, where client apps are developed. Anything that would parse in more than one way
 * (backslashes, whitespace, a scheme without `//`) is refused rather than guessed at.
 */
export function isAllowedNext(next: string, boundHost: string): boolean {
  if (unsafeCharacters.test(next) || !/^https?:\/\//i.test(next)) return false;
  const bound = parseSsoHost(boundHost);
  if (!bound) return false;
  let url: URL;
  try {
    url = new URL(next);
  } catch {
    return false;
  }
  const defaultPort = defaultPorts[url.protocol];
  if (defaultPort === undefined || url.username !== '' || url.password !== '') return false;
  if (url.protocol !== 'https:' && !loopbackHosts.has(url.hostname)) return false;
  const port = url.port === '' ? defaultPort : Number(url.port);
  return url.hostname === bound.hostname && port === (bound.port ?? defaultPort);
}

/**
 * `next` with these parameters added to its query. Parameters of the same names already there are
 * dropped; the rest of the query is kept as it was written, and so is the fragment.
 */
export function withQueryParameters(next: string, parameters: Readonly<Record<string, string>>): string {
  const url = new URL(next);
  const replaced = new Set(Object.keys(parameters));
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !replaced.has(decodeName(pair)));
  const added = Object.entries(parameters).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  url.search = [...kept, ...added].join('&');
  return url.href;
}

function decodeName(pair: string): string {
  const [name = ''] = pair.replace(/\+/g, ' ').split('=', 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
