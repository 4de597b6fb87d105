import type { Passkey } from '../../../domain/passkeys/passkey.js';

/** A passkey as a page lists it: never its public key or user handle. */
export interface PasskeyRow {
  id: string;
  name: string;
  created: string;
  lastUsed: string | null;
}

export function passkeyRows(passkeys: readonly Passkey[]): PasskeyRow[] {
  return passkeys.map((passkey) => ({
    id: passkey.id,
    name: passkey.name,
    created: day(passkey.createdAt),
    lastUsed: passkey.lastUsedAt === null ? null : minute(passkey.lastUsedAt),
  }));
}

function day(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function minute(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
