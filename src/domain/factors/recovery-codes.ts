import { createHmac } from 'node:crypto';

/** How many recovery codes a user is given at once. */
export const RECOVERY_CODE_COUNT = 10;

/** Crockford's base32 alphabet: no I, L, O or U, so that a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16;

/**
 * Ten new recovery codes, each 80 random bits written as four groups of four characters
 * (`7K3M-Q9XD-...`). `random` gives bytes from a CSPRNG.
 */
export function newRecoveryCodes(random: (length: number) => Uint8Array): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = random(CODE_LENGTH);
    // 256 is a multiple of 32, so each byte's low five bits are uniform.
    const characters = [...bytes].map((byte) => ALPHABET[byte % 32] ?? '0').join('');
    return characters.match(/.{4}/g)?.join('-') ?? characters;
  });
}

/** A recovery code as typed, in its stored spelling (upper case, no dashes or blanks); null when it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return code.length === CODE_LENGTH && [...code].every((character) => ALPHABET.includes(character)) ? code : null;
}

/**
 * What is stored of a recovery code: an HMAC-SHA256 keyed by the username. A fast keyed hash rather
 * than a password hash: a code holds 80 random bits, so even a stolen table of digests is out of
 * reach of guessing, and no slow hash would add to that; the username as key makes equal codes of two
 * users differ, and one table of digests useless for another.
 */
export function recoveryCodeDigest(username: string, normalizedCode: string): string {
  return createHmac('sha256', `signet-recovery\0${username}`).update(normalizedCode).digest('base64url');
}
