import type { Context } from 'koa';
import { LOGIN_ATTEMPT_TTL_SECONDS, liveAttempts, type LoginAttempt } from '../../../domain/sso-client/login-attempt.js';
import type { SignedCookie } from './signed-cookie.js';
import { parseJsonOrUndefined } from '../../../domain/shared/safe-json.js';

/**
 * The logins a browser has under way, kept by the browser itself in a signed cookie (JSON in
 * base64url): an anonymous visitor who clicks "Log in" costs the app no server-side state.
 */
export class LoginAttemptsCookie {
  constructor(private readonly cookie: SignedCookie) {}

  /** The live attempts the browser holds; [] for none, or for a cookie that is not one of ours. */
  read(ctx: Context, now: number): LoginAttempt[] {
    const value = this.cookie.read(ctx);
    if (value === null) return [];
    try {
      return liveAttempts(parseJsonOrUndefined(Buffer.from(value, 'base64url').toString('utf8')), now);
    } catch {
      return [];
    }
  }

  /** Makes the browser hold these attempts; none clears the cookie. */
  write(ctx: Context, attempts: readonly LoginAttempt[]): void {
    if (attempts.length === 0) {
      this.cookie.write(ctx, null);
      return;
    }
    this.cookie.write(ctx, Buffer.from(JSON.stringify(attempts)).toString('base64url'), LOGIN_ATTEMPT_TTL_SECONDS);
  }
}
