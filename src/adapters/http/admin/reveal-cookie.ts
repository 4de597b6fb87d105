import type { SecretReveal } from '../../../application/admin/secret-reveal.js';
import type { PageContext } from '../signet-context.js';
import { adminRequest } from './admin-page-state.js';

const COOKIE = 'signet_reveal';

/** Only the admin's pages ever receive it, never scripts or other sites, and it outlives one page load by little. */
function cookieOptions(ctx: PageContext) {
  return { httpOnly: true, sameSite: 'strict', secure: ctx.secure, path: '/admin/', signed: true, overwrite: true } as const;
}

/** Keeps new secrets for the next admin page this user loads on `subject` (a key, the SSO hosts). */
export async function stashForNextPage(
  ctx: PageContext,
  reveal: Pick<SecretReveal, 'stash'>,
  subject: string,
  secrets: Readonly<Record<string, string>>,
): Promise<void> {
  const handle = await reveal.stash(revealSubject(ctx, subject), secrets);
  ctx.cookies.set(COOKIE, handle, { ...cookieOptions(ctx), maxAge: 120_000 });
}

/** The secrets stashed for this page, once: the cookie is cleared and the stash taken, whatever it held. */
export async function takeStashed(
  ctx: PageContext,
  reveal: Pick<SecretReveal, 'reveal'>,
  subject: string,
): Promise<Record<string, string> | null> {
  const handle = ctx.cookies.get(COOKIE, { signed: true });
  if (handle === undefined) return null;
  ctx.cookies.set(COOKIE, null, cookieOptions(ctx));
  return reveal.reveal(handle, revealSubject(ctx, subject));
}

/** Bound to the staff user too: another user's page never shows it. */
function revealSubject(ctx: PageContext, subject: string): string {
  return `${adminRequest(ctx).staff.username}\u0000${subject}`;
}
