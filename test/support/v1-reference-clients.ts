import { createHmac } from 'node:crypto';

/**
 * Clients written from protocol v1's description, the way dj-api-auth's own examples sign:
 * independent of Signet's code, so that the tests check the wire format and not the code against itself.
 */
function sign(secret: string, message: string | Buffer): string {
  return createHmac('sha256', secret).update(message).digest('base64');
}

/** The JavaScript example: `?timestamp=..&apikey=..&signature=<raw base64>`; the body is appended when signing. */
export function jsClientUrl(
  path: string,
  apiKey: string,
  secret: string,
  options: { timestamp?: string; body?: string } = {},
): string {
  const timestamp = options.timestamp ?? String(Date.now() / 1000);
  const url = `${path}?timestamp=${timestamp}&apikey=${apiKey}`;
  return `${url}&signature=${sign(secret, options.body ? url + options.body : url)}`;
}

/** Python's `quote_plus`. */
function quotePlus(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** The Python example: the query through urlencode, then `&signature=` with the raw base64 appended. */
export function pythonClientUrl(
  path: string,
  apiKey: string,
  secret: string,
  options: { params?: [string, string][]; timestamp?: string; body?: string } = {},
): string {
  const params: [string, string][] = [
    ...(options.params ?? []),
    ['timestamp', options.timestamp ?? String(Date.now() / 1000)],
    ['apikey', apiKey],
  ];
  const url = `${path}?${params.map(([name, value]) => `${quotePlus(name)}=${quotePlus(value)}`).join('&')}`;
  return `${url}&signature=${sign(secret, options.body ? url + options.body : url)}`;
}
