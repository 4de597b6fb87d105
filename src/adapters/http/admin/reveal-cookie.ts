import type { SecretReveal } from '../../../application/admin/secret-reveal.js';
import { sha256Base64url } from '../../../domain/shared/digest.js';
import type { PageContext } from '../signet-context.js';
import { adminRequest } from './admin-page-state.js';

/**
 * One cookie per subject, so that two tabs making two keys at once each find their own. The name
 * is a digest: it does not say whose page it is for.
 */
function cookieName(subject: string): string {
  return `signet_reveal_${sha256Base64url(subject).slice(0, 12)}`;
}

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
  const bound = revealSubject(ctx, subject);
  const handle = await reveal.stash(bound, secrets);
  ctx.cookies.set(cookieName(bound), handle, { ...cookieOptions(ctx), maxAge: 120_000 });
}

/** The secrets stashed for this page, once: the cookie is cleared and the stash taken, whatever it held. */
export async function takeStashed(
  ctx: PageContext,
  reveal: Pick<SecretReveal, 'reveal'>,
  subject: string,
): Promise<Record<string, string> | null> {
  const bound = revealSubject(ctx, subject);
  const handle = ctx.cookies.get(cookieName(bound), { signed: true });
  if (handle === undefined) return null;
  ctx.cookies.set(cookieName(bound), null, cookieOptions(ctx));
  return reveal.reveal(handle, bound);
}

/** Bound to the staff user too: another user's page never shows it. */
function revealSubject(ctx: PageContext, subject: string): string {
  return `${adminRequest(ctx).staff.username}\u0000${subject}`;
}
