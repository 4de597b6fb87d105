import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { z } from 'zod';
import { parseJson, parseJsonOrUndefined } from '../../domain/shared/safe-json.js';
import type {
  CeremonyOptions,
  CredentialDescriptor,
  Refusal,
  RegisteredCredential,
  VerifiedSignIn,
  WebAuthnCeremonies,
} from '../../domain/passkeys/webauthn.port.js';
import type { RelyingParty } from '../../domain/passkeys/relying-party.js';

const base64url = z.string().regex(/^[A-Za-z0-9_-]*$/);
const transport = z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);
const attachment = z.enum(['platform', 'cross-platform']).optional();

/** What `PublicKeyCredential.toJSON()` gives for a registration, checked before anything reads it. */
const registrationResponse = z.object({
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal('public-key'),
  authenticatorAttachment: attachment,
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z.array(z.string()).optional(),
  }),
});

/** What `PublicKeyCredential.toJSON()` gives for a sign-in. */
const signInResponse = z.object({
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal('public-key'),
  authenticatorAttachment: attachment,
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.nullish(),
  }),
});

/** The WebAuthn ceremonies by @simplewebauthn/server: no attestation asked for, passkeys (resident keys) required. */
export class SimpleWebAuthnCeremonies implements WebAuthnCeremonies {
  async registrationOptions(input: {
    relyingParty: RelyingParty;
    userHandle: string;
    username: string;
    displayName: string;
    exclude: readonly CredentialDescriptor[];
  }): Promise<{ options: CeremonyOptions; challenge: string }> {
    const options = await generateRegistrationOptions({
      rpName: input.relyingParty.name,
      rpID: input.relyingParty.id,
      userName: input.username,
      userID: new Uint8Array(Buffer.from(input.userHandle, 'base64url')),
      userDisplayName: input.displayName,
      attestationType: 'none',
      excludeCredentials: input.exclude.map((credential) => ({
        id: credential.id,
        transports: knownTransports(credential.transports),
      })),
      authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' },
      timeout: 120_000,
    });
    return { options: toJson(options), challenge: options.challenge };
  }

  async verifyRegistration(input: {
    relyingParty: RelyingParty;
    response: string;
    challenge: string;
  }): Promise<RegisteredCredential | Refusal> {
    const parsed = registrationResponse.safeParse(parseJsonOrUndefined(input.response));
    if (!parsed.success) return { refused: 'the registration response is not one' };
    const response: RegistrationResponseJSON = {
      ...parsed.data,
      response: { ...parsed.data.response, transports: knownTransports(parsed.data.response.transports ?? []) },
    };
    try {
      const verified = await verifyRegistrationResponse({
        response,
        expectedChallenge: input.challenge,
        expectedOrigin: input.relyingParty.origin,
        expectedRPID: input.relyingParty.id,
        requireUserVerification: false,
      });
      if (!verified.verified) return { refused: 'the registration did not verify' };
      const { credential } = verified.registrationInfo;
      return {
        id: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: credential.transports ?? response.response.transports ?? [],
      };
    } catch (error) {
      return { refused: reasonOf(error) };
    }
  }

  async signInOptions(input: { relyingParty: RelyingParty }): Promise<{ options: CeremonyOptions; challenge: string }> {
    const options = await generateAuthenticationOptions({
      rpID: input.relyingParty.id,
      allowCredentials: [],
      userVerification: 'preferred',
      timeout: 120_000,
    });
    return { options: toJson(options), challenge: options.challenge };
  }

  claimedCredential(response: string): { id: string; userHandle: string | null } | null {
    const parsed = signInResponse.safeParse(parseJsonOrUndefined(response));
    return parsed.success ? { id: parsed.data.id, userHandle: parsed.data.response.userHandle ?? null } : null;
  }

  async verifySignIn(input: {
    relyingParty: RelyingParty;
    response: string;
    challenge: string;
    credential: { id: string; publicKey: string; transports: readonly string[] };
  }): Promise<VerifiedSignIn | Refusal> {
    const parsed = signInResponse.safeParse(parseJsonOrUndefined(input.response));
    if (!parsed.success) return { refused: 'the sign-in response is not one' };
    const { userHandle, ...assertion } = parsed.data.response;
    const response: AuthenticationResponseJSON = {
      ...parsed.data,
      response: userHandle === undefined || userHandle === null ? assertion : { ...assertion, userHandle },
    };
    try {
      const verified = await verifyAuthenticationResponse({
        response,
        expectedChallenge: input.challenge,
        expectedOrigin: input.relyingParty.origin,
        expectedRPID: input.relyingParty.id,
        // The counter is judged by the caller (signature-counter.ts), which records a regression: at
        // zero the library checks nothing of it.
        credential: {
          id: input.credential.id,
          publicKey: new Uint8Array(Buffer.from(input.credential.publicKey, 'base64url')),
          counter: 0,
          transports: knownTransports(input.credential.transports),
        },
        requireUserVerification: false,
      });
      if (!verified.verified) return { refused: 'the signature did not verify' };
      return { counter: verified.authenticationInfo.newCounter };
    } catch (error) {
      return { refused: reasonOf(error) };
    }
  }
}

function knownTransports(transports: readonly string[]): AuthenticatorTransportFuture[] {
  return transports.flatMap((name) => {
    const known = transport.safeParse(name);
    return known.success ? [known.data] : [];
  });
}

/** The options as plain JSON (what the browser script reads). */
function toJson(options: object): CeremonyOptions {
  return z.record(z.string(), z.unknown()).parse(parseJson(JSON.stringify(options)));
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
