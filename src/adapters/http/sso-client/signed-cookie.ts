import { createHmac, hash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';

/**
 * The key an SSO client app signs its cookies with: from SSO_SESSION_SECRET when it is set, otherwise
 * derived from the SEC key or the OpenID client secret (which only the app and its provider know),
 * so that an app needs no further secret. Separate from the app's own `app.keys`, which it may not have.
 */
export function cookieKey(sessionSecret: string | undefined, secretKey: string): Buffer {
  return sessionSecret === undefined
    ? createHmac('sha256', secretKey).update('signet sso-client cookie key').digest()
    : hash('sha256', `signet sso-client cookie key\0${sessionSecret}`, 'buffer');
}

/**
 * One cookie of the SSO client, its value signed with HMAC-SHA256 (over the cookie's name too, so
 * that one cookie's value is worthless as another's). HttpOnly and SameSite=Lax; over HTTPS it is
 * `__Host-` prefixed and Secure, so no other site on a parent or sibling domain can plant one.
 * Values must be cookie-safe text, such as base64url.
 */
export class SignedCookie {
  constructor(
    private readonly name: string,
    private readonly key: Buffer,
  ) {}

  /** The value, when the browser sent this cookie with a good signature; null otherwise. */
  read(ctx: Context): string | null {
    const raw = ctx.cookies.get(this.nameFor(ctx));
    if (!raw) return null;
    const dot = raw.lastIndexOf('.');
    if (dot <= 0) return null;
    const value = raw.slice(0, dot);
    const given = Buffer.from(raw.slice(dot + 1), 'base64url');
    const expected = this.mac(value);
    return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
  }

  /** Sets the cookie to `value` (a session cookie unless `maxAgeSeconds` is given), or clears it for null. */
  write(ctx: Context, value: string | null, maxAgeSeconds?: number): void {
    ctx.cookies.set(this.nameFor(ctx), value === null ? null : `${value}.${this.mac(value).toString('base64url')}`, {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.secure,
      path: '/',
      overwrite: true,
      ...(maxAgeSeconds === undefined || value === null ? {} : { maxAge: maxAgeSeconds * 1000 }),
    });
  }

  private nameFor(ctx: Context): string {
    return ctx.secure ? `__Host-${this.name}` : this.name;
  }

  private mac(value: string): Buffer {
    return createHmac('sha256', this.key).update(`${this.name}\0${value}`).digest();
  }
}
