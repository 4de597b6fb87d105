/**
 * A browser's cookie store, small enough for tests: it keeps what Set-Cookie headers set (by name,
 * ignoring domain and path, since every test talks to one host), forgets what they expire, and sends
 * the rest back. Redirects are never followed, so that each step of a flow can be looked at.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** fetch with this jar's cookies, storing what the response sets; redirects are returned as is. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.header());
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(response);
    return response;
  }

  /** POSTs `fields` as a urlencoded form. */
  post(url: string, fields: Readonly<Record<string, string>>, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('content-type', 'application/x-www-form-urlencoded');
    return this.fetch(url, { ...init, method: 'POST', headers, body: new URLSearchParams(fields).toString() });
  }

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      if (value === '' || attributes.some(isExpiry)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  names(): string[] {
    return [...this.cookies.keys()];
  }

  /** A copy, as a second browser tab or a stolen cookie would have it. */
  clone(): CookieJar {
    const copy = new CookieJar();
    for (const [name, value] of this.cookies) copy.set(name, value);
    return copy;
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

function isExpiry(attribute: string): boolean {
  const [name = '', value = ''] = attribute.split('=');
  if (name.toLowerCase() === 'max-age') return Number(value) <= 0;
  if (name.toLowerCase() === 'expires') return Date.parse(value) <= Date.now();
  return false;
}
