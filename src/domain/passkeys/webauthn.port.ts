import type { RelyingParty } from './relying-party.js';

/** Options for `navigator.credentials.create()` or `.get()`, as JSON (binary values base64url). */
export type CeremonyOptions = Readonly<Record<string, unknown>>;

/** A credential the browser offers, or one to exclude. */
export interface CredentialDescriptor {
  readonly id: string;
  readonly transports: readonly string[];
}

/** What a registration response proved: the new credential (binary values base64url). */
export interface RegisteredCredential {
  readonly id: string;
  readonly publicKey: string;
  readonly counter: number;
  readonly transports: readonly string[];
}

/** What a verified sign-in response said. */
export interface VerifiedSignIn {
  /** The signature counter the authenticator reported. */
  readonly counter: number;
}

/** Why a response was refused, for the log (never a secret); the user is told less. */
export interface Refusal {
  readonly refused: string;
}

/**
 * The WebAuthn ceremonies: options to send to the browser, and checks of what it answers (origin,
 * relying party, challenge, signature, user presence). Pure computation; a response that cannot be
 * read or does not verify is a Refusal, never a throw.
 */
export interface WebAuthnCeremonies {
  /** Options to create a discoverable passkey for the user; the challenge they carry, to check the answer against. */
  registrationOptions(input: {
    relyingParty: RelyingParty;
    userHandle: string;
    username: string;
    displayName: string;
    exclude: readonly CredentialDescriptor[];
  }): Promise<{ options: CeremonyOptions; challenge: string }>;

  /** Checks a registration response (JSON text) against the challenge. */
  verifyRegistration(input: {
    relyingParty: RelyingParty;
    response: string;
    challenge: string;
  }): Promise<RegisteredCredential | Refusal>;

  /** Options to sign in with any passkey of this site (none listed: the authenticator offers its own). */
  signInOptions(input: { relyingParty: RelyingParty }): Promise<{ options: CeremonyOptions; challenge: string }>;

  /** The credential id and user handle a sign-in response (JSON text) names, before anything is checked; null when unreadable. */
  claimedCredential(response: string): { id: string; userHandle: string | null } | null;

  /**
   * Checks a sign-in response against the challenge and the stored credential's public key. The
   * counter is returned, not judged: the caller decides what a counter that did not rise means.
   */
  verifySignIn(input: {
    relyingParty: RelyingParty;
    response: string;
    challenge: string;
    credential: { id: string; publicKey: string; transports: readonly string[] };
  }): Promise<VerifiedSignIn | Refusal>;
}

export function isRefusal(value: object): value is Refusal {
  return 'refused' in value;
}
