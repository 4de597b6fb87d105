import type { SignInWithPasskey } from '../../../application/passkeys/sign-in-with-passkey.js';
import type { Authenticated } from '../../../application/users/authenticate-user.js';
import { PasskeyError } from '../../../domain/passkeys/passkey.errors.js';
import { clientAddress } from '../client-address.js';
import type { PageContext } from '../signet-context.js';
import { takePasskeyBinding } from './passkey-binding-cookie.js';

/** The value of `action` on a login page's form that carries a passkey rather than a password. */
export const PASSKEY_ACTION = 'passkey';

/**
 * How a passkey login is told to apps (OpenID `amr`, RFC 8176): proof of a hardware-secured key.
 * The authenticator checked its user too (user verification preferred), so no second step follows.
 */
export const PASSKEY_AMR: readonly string[] = ['hwk'];

/** The field the browser script puts the `PublicKeyCredential` in, as JSON. */
export const PASSKEY_FIELD = 'passkey';

export interface PasskeySignInFormDeps {
  config: { trustProxy: boolean };
  signInWithPasskey: SignInWithPasskey;
}

/** True when a second step's posted form carries a passkey's answer (its own `action` is the second step's). */
export function carriesPasskeyAnswer(ctx: PageContext): boolean {
  return (ctx.state.form.get(PASSKEY_FIELD) ?? '') !== '';
}

/** True when a login page's posted form carries a passkey. */
export function carriesPasskey(ctx: PageContext): boolean {
  return ctx.state.form.get('action') === PASSKEY_ACTION;
}

/**
 * Signs in with the passkey a login page's form carries, answering as a password login does; a
 * refusal the person can act on comes back as the PasskeyError, for the page to show again.
 * `username`: for a passkey asked for after a password, whose it must be.
 */
export async function signInWithPostedPasskey(
  ctx: PageContext,
  deps: PasskeySignInFormDeps,
  username?: string,
): Promise<Authenticated | PasskeyError> {
  try {
    return await deps.signInWithPasskey.execute({
      binding: takePasskeyBinding(ctx),
      response: ctx.state.form.get(PASSKEY_FIELD) ?? '',
      address: clientAddress(ctx, deps.config.trustProxy),
      ...(username === undefined ? {} : { username }),
    });
  } catch (error) {
    if (error instanceof PasskeyError) return error;
    throw error;
  }
}

/** What every login page gives its passkey partial: whether to offer a passkey at all. */
export function passkeyLocals(config: { passkeys: { relyingParty: unknown } }): { passkeysOffered: boolean } {
  return { passkeysOffered: config.passkeys.relyingParty !== null };
}
