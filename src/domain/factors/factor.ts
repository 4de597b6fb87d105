/**
 * The kinds of second factor Signet knows. Each kind keeps its own secret material in `secret`
 * (a TOTP key); a new kind adds its name here and its checks beside `totp.ts`.
 */
export const FACTOR_KINDS = ['totp'] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];

/** What anyone may be shown of a factor: never its secret. Times are ms since the epoch. */
export interface FactorSummary {
  readonly id: string;
  readonly username: string;
  readonly kind: FactorKind;
  /** The name the user gave it ("phone"). */
  readonly name: string;
  readonly createdAt: number;
  /** null when it was never used to log in. */
  readonly lastUsedAt: number | null;
}

/** A factor as the store keeps it: with its secret, which a persistent store encrypts at rest. */
export interface StoredFactor extends FactorSummary {
  readonly secret: string;
}

/** The summary of a stored factor: what leaves the use cases. */
export function summarizeFactor(factor: StoredFactor): FactorSummary {
  const { secret: _secret, ...summary } = factor;
  return summary;
}

/** The longest name a factor may be given. */
export const FACTOR_NAME_MAX = 60;

/** A factor's name as typed, trimmed; the kind's own word when left empty. */
export function factorName(typed: string, kind: FactorKind): string {
  const trimmed = typed.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return kind === 'totp' ? 'Authenticator app' : kind;
  return trimmed.slice(0, FACTOR_NAME_MAX);
}

/** A new factor id: 128 random bits, base64url. */
export function newFactorId(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}
