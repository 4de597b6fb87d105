import type { RandomSource } from '../shared/random-source.port.js';
import type { ApiCredential, SecretKey } from './api-credential.js';

/** 64 random bits as 16 hex characters. */
export function generateApiKey(random: RandomSource): string {
  return Buffer.from(random.bytes(8)).toString('hex');
}

/** 256 random bits as 64 hex characters. */
export function generateSecretKey(random: RandomSource): string {
  return Buffer.from(random.bytes(32)).toString('hex');
}

export interface NewCredential {
  /** A fixed pair (the demo keys); a new random one when not given. */
  readonly apiKey?: string;
  readonly secretKey?: string;
  readonly username?: string | null;
  readonly entryPoints?: Iterable<string>;
  readonly note?: string;
  readonly ssoHost?: string | null;
  /** Milliseconds since the epoch; none when absent. Checked by the caller (`checkExpiry`). */
  readonly expiresAt?: number | null;
  /** Requests a minute; none when absent. Checked by the caller (`checkRateLimit`). */
  readonly rateLimitPerMinute?: number | null;
}

/** A fresh credential and its SEC key, which is shown to its owner this once. */
export interface CreatedCredential {
  readonly credential: ApiCredential;
  readonly secretKey: string;
}

/** A fresh, unused credential with a new key pair (or the pair given). */
export function createCredential(random: RandomSource, now: number, options: NewCredential = {}): CreatedCredential {
  const secretKey = options.secretKey ?? generateSecretKey(random);
  const credential: ApiCredential = {
    apiKey: options.apiKey ?? generateApiKey(random),
    secretKeys: [{ value: secretKey, createdAt: now, expiresAt: null }],
    username: options.username ?? null,
    entryPoints: new Set(options.entryPoints ?? []),
    note: options.note ?? '',
    ssoHost: options.ssoHost ?? null,
    createdAt: now,
    lastUsedAt: null,
    lastUsedFrom: null,
    revoked: false,
    disabled: false,
    expiresAt: options.expiresAt ?? null,
    rateLimitPerMinute: options.rateLimitPerMinute ?? null,
  };
  return { credential, secretKey };
}

/**
 * Adds a new SEC key in front; the keys active until now stay valid for `graceSeconds`, so that
 * clients can move over. Keys already expired are dropped.
 */
export function rotateSecret(credential: ApiCredential, secret: string, now: number, graceSeconds: number): ApiCredential {
  const retiring: SecretKey[] = credential.secretKeys
    .filter((key) => key.expiresAt === null || key.expiresAt > now)
    .slice(0, 1)
    .map((key) => ({ ...key, expiresAt: Math.min(key.expiresAt ?? Infinity, now + graceSeconds * 1000) }));
  return { ...credential, secretKeys: [{ value: secret, createdAt: now, expiresAt: null }, ...retiring] };
}

export function withEntryPoints(credential: ApiCredential, names: Iterable<string>): ApiCredential {
  return { ...credential, entryPoints: new Set([...credential.entryPoints, ...names]) };
}

export function withoutEntryPoints(credential: ApiCredential, names: Iterable<string>): ApiCredential {
  const removed = new Set(names);
  return { ...credential, entryPoints: new Set([...credential.entryPoints].filter((name) => !removed.has(name))) };
}

export function revoked(credential: ApiCredential): ApiCredential {
  return { ...credential, revoked: true };
}
