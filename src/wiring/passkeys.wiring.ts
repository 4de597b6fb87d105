import { asClass } from 'awilix';
import { SimpleWebAuthnCeremonies } from '../adapters/webauthn/simplewebauthn-ceremonies.js';
import { BeginPasskeyRegistration } from '../application/passkeys/begin-passkey-registration.js';
import { BeginPasskeySignIn } from '../application/passkeys/begin-passkey-sign-in.js';
import { FinishPasskeyRegistration } from '../application/passkeys/finish-passkey-registration.js';
import { ListPasskeys } from '../application/passkeys/list-passkeys.js';
import { RemovePasskey } from '../application/passkeys/remove-passkey.js';
import { RenamePasskey } from '../application/passkeys/rename-passkey.js';
import { SignInThroughSsoPage } from '../application/passkeys/sign-in-through-sso-page.js';
import { SignInWithPasskey } from '../application/passkeys/sign-in-with-passkey.js';
import type { WebAuthnCeremonies } from '../domain/passkeys/webauthn.port.js';
import type { Wiring } from './wiring.js';

/** Passkeys: registering one from the account page, signing in with one on every login page. (The store is a backend.) */
export interface PasskeysCradle {
  webAuthnCeremonies: WebAuthnCeremonies;
  beginPasskeyRegistration: BeginPasskeyRegistration;
  finishPasskeyRegistration: FinishPasskeyRegistration;
  beginPasskeySignIn: BeginPasskeySignIn;
  signInWithPasskey: SignInWithPasskey;
  signInThroughSsoPage: SignInThroughSsoPage;
  listPasskeys: ListPasskeys;
  renamePasskey: RenamePasskey;
  removePasskey: RemovePasskey;
}

export function passkeysWiring(): Wiring<PasskeysCradle> {
  return {
    webAuthnCeremonies: asClass(SimpleWebAuthnCeremonies).singleton(),
    beginPasskeyRegistration: asClass(BeginPasskeyRegistration).singleton(),
    finishPasskeyRegistration: asClass(FinishPasskeyRegistration).singleton(),
    beginPasskeySignIn: asClass(BeginPasskeySignIn).singleton(),
    signInWithPasskey: asClass(SignInWithPasskey).singleton(),
    signInThroughSsoPage: asClass(SignInThroughSsoPage).singleton(),
    listPasskeys: asClass(ListPasskeys).singleton(),
    renamePasskey: asClass(RenamePasskey).singleton(),
    removePasskey: asClass(RemovePasskey).singleton(),
  };
}
