import type { Context } from 'koa';
import { SECOND_STEP_TTL_SECONDS } from '../../../domain/factors/second-step.js';

/** Over HTTPS the cookie is `__Host-` prefixed, as the session's is. */
const SECURE_NAME = '__Host-signet_second_step';
const PLAIN_NAME = 'signet_second_step';

function options(ctx: Context) {
  return { httpOnly: true, sameSite: 'lax', secure: ctx.secure, path: '/', signed: true, overwrite: true } as const;
}

/**
 * The id of this browser's half-login (second-step.ts) travels only in this signed, HttpOnly cookie:
 * the half-login is bound to the browser that typed the password.
 */
export const secondStepCookie = {
  get(ctx: Context): string | undefined {
    return ctx.cookies.get(ctx.secure ? SECURE_NAME : PLAIN_NAME, { signed: true });
  },
  set(ctx: Context, id: string): void {
    ctx.cookies.set(ctx.secure ? SECURE_NAME : PLAIN_NAME, id, { ...options(ctx), maxAge: SECOND_STEP_TTL_SECONDS * 1000 });
  },
  clear(ctx: Context): void {
    ctx.cookies.set(ctx.secure ? SECURE_NAME : PLAIN_NAME, null, options(ctx));
  },
};
