import type { Context } from 'koa';

/** Over HTTPS the cookie is `__Host-` prefixed: Secure, Path=/, no Domain, so no subdomain can plant one. */
const SECURE_NAME = '__Host-signet_passkey';
const PLAIN_NAME = 'signet_passkey';

/**
 * The cookie that binds a passkey challenge to the browser that asked for it: the binding value,
 * signed with the app's keys (SESSION_SECRET), HttpOnly, SameSite=Strict (every step of a ceremony
 * is on Signet's own pages), living as long as a challenge does.
 */
function options(ctx: Context) {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.secure,
    path: '/',
    signed: true,
    overwrite: true,
    maxAge: 5 * 60 * 1000,
  } as const;
}

export function setPasskeyBinding(ctx: Context, binding: string): void {
  ctx.cookies.set(ctx.secure ? SECURE_NAME : PLAIN_NAME, binding, options(ctx));
}

/** The binding this browser holds, and forgets it (a challenge is answered once); null when it holds none. */
export function takePasskeyBinding(ctx: Context): string | null {
  const name = ctx.secure ? SECURE_NAME : PLAIN_NAME;
  const binding = ctx.cookies.get(name, { signed: true }) ?? null;
  if (binding !== null) ctx.cookies.set(name, null, options(ctx));
  return binding;
}
