import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RouterMiddleware } from '@koa/router';
import Tokens from 'csrf';
import { httpErrors } from '../http-errors.js';
import type { PageContext, PageState } from '../signet-context.js';

/** The hidden field every form carries its token in. */
export const CSRF_FIELD = '_csrf';

const SECURE_COOKIE = '__Host-signet_csrf';
const PLAIN_COOKIE = 'signet_csrf';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CsrfOptions {
  /** SESSION_SECRET: anonymous visitors' CSRF secrets are derived from it. */
  secret: string;
}

/**
 * Cross-site request forgery protection by synchronizer tokens: each form gets a fresh salted token
 * (the `csrf` package's scheme, which also defeats BREACH), and every method but GET, HEAD and
 * OPTIONS must send one back in `_csrf`. A logged-in browser's tokens come from its session's
 * secret. A visitor who has not logged in costs no server-side state: their secret is derived from
 * SESSION_SECRET and a random value in a signed, HttpOnly cookie, so only this browser, on this site,
 * can hold a token for it. Runs after `session()` and `formBody()`.
 */
export function csrf(options: CsrfOptions): RouterMiddleware<PageState> {
  const tokens = new Tokens();
  const anonymousSecret = (nonce: string): string =>
    createHmac('sha256', options.secret).update(`anonymous-csrf\0${nonce}`).digest('base64url');

  return async function csrfMiddleware(ctx: PageContext, next: () => Promise<unknown>) {
    const cookie = ctx.secure ? SECURE_COOKIE : PLAIN_COOKIE;
    const received = ctx.cookies.get(cookie, { signed: true });
    const sessionSecret = ctx.state.session.current?.csrfSecret;
    if (!safeMethods.has(ctx.method)) {
      const token = ctx.state.form.get(CSRF_FIELD);
      // Either secret of this browser will do: a form shown before a login in another tab stays valid.
      const valid =
        !!token &&
        ((sessionSecret !== undefined && matchesSecret(token, sessionSecret)) ||
          (received !== undefined && matchesSecret(token, anonymousSecret(received))));
      if (!valid) throw httpErrors.csrfFailed();
    }
    let nonce = received;
    ctx.state.csrfToken = () => {
      const secret = ctx.state.session.current?.csrfSecret;
      if (secret !== undefined) return tokens.create(secret);
      if (nonce === undefined) {
        nonce = randomBytes(18).toString('base64url');
        ctx.cookies.set(cookie, nonce, { httpOnly: true, sameSite: 'lax', secure: ctx.secure, path: '/', signed: true });
      }
      return tokens.create(anonymousSecret(nonce));
    };
    await next();
  };
}

/**
 * Whether `token` is one the `csrf` package made from `secret`: `salt-hash`, where hash is the
 * SHA-1 of `salt-secret` in unpadded base64url. The package's own check compares the two in
 * constant time by drawing a random key and computing two HMACs; comparing equal-length bytes in
 * constant time is as safe (the length of a token is no secret) at a fraction of the cost.
 */
export function matchesSecret(token: string, secret: string): boolean {
  const dash = token.indexOf('-');
  if (dash < 1) return false;
  const salt = token.slice(0, dash);
  const expected = Buffer.from(`${salt}-${createHash('sha1').update(`${salt}-${secret}`, 'ascii').digest('base64url')}`);
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
