import type { RandomSource } from '../shared/random-source.port.js';
import type { Actor, AdminChannel } from './actor.js';

/** Every kind of change the audit log records; a request signed for someone on the "Try a request" page too. */
export const AUDIT_ACTIONS = [
  'key.create',
  'key.update',
  'key.allow',
  'key.disable',
  'key.enable',
  'key.revoke',
  'key.rotate',
  'entrypoints.reload',
  'sso.add-host',
  'sso.remove',
  'user.create',
  'user.set-password',
  'user.set-flags',
  'user.reset-factors',
  'request.sign',
  'oidc.client-create',
  'oidc.client-disable',
  'oidc.client-enable',
  'oidc.client-remove',
  'oidc.client-update',
  'oidc.client-rotate-secret',
  'oidc.keys-rotate',
  'passkey.counter-regressed',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(text: string): text is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(text);
}

/** What a change set, for the record: never a SEC key, a password, a signature or a token. */
export type AuditDetail = string | number | boolean | null | readonly string[];

/** One change: who, when, what, from where. Entries are never changed or removed. */
export interface AuditEntry {
  /** Unique, and ordered as the entries were made: the time first, then random digits. */
  readonly id: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly via: AdminChannel;
  readonly actor: string;
  readonly address: string | null;
  readonly action: AuditAction;
  /** What was changed: an API key, a username, a host. */
  readonly target: string;
  readonly details: Readonly<Record<string, AuditDetail>>;
}

/** Which entries to show; every field given must match exactly, times are ms since the epoch. */
export interface AuditFilter {
  readonly actor?: string;
  readonly action?: AuditAction;
  readonly target?: string;
  readonly via?: AdminChannel;
  /** Entries made at or after this time. */
  readonly since?: number;
  /** Entries made before this time. */
  readonly until?: number;
}

/** Names a detail must never have: the record is read by more people than the secrets were meant for. */
const SECRET_NAMES = /secret|password|signature|token|nonce/i;

/**
 * A new entry made by `actor` at `at`, the `sequence`-th this process made (so that two entries of
 * one millisecond keep their order); throws if a detail is named like a secret, which would be a bug.
 */
export function newAuditEntry(
  actor: Actor,
  change: { action: AuditAction; target: string; details?: Readonly<Record<string, AuditDetail>> },
  at: number,
  sequence: number,
  random: RandomSource,
): AuditEntry {
  const details = change.details ?? {};
  const secret = Object.keys(details).find((name) => SECRET_NAMES.test(name));
  if (secret !== undefined) throw new Error(`an audit entry must not record "${secret}"`);
  return {
    id: auditEntryId(at, sequence, random),
    at,
    via: actor.via,
    actor: actor.name,
    address: actor.address,
    action: change.action,
    target: change.target,
    details,
  };
}

/**
 * Fifteen digits of time, six hex digits of the process's sequence, six random ones: text order is
 * time order (and, within a millisecond, the order one process made them), and ids do not collide.
 */
export function auditEntryId(at: number, sequence: number, random: RandomSource): string {
  const counted = (sequence % 0x1000000).toString(16).padStart(6, '0');
  return `${String(at).padStart(15, '0')}-${counted}${Buffer.from(random.bytes(3)).toString('hex')}`;
}

export function matchesAuditFilter(entry: AuditEntry, filter: AuditFilter): boolean {
  return (
    (filter.actor === undefined || entry.actor === filter.actor) &&
    (filter.action === undefined || entry.action === filter.action) &&
    (filter.target === undefined || entry.target === filter.target) &&
    (filter.via === undefined || entry.via === filter.via) &&
    (filter.since === undefined || entry.at >= filter.since) &&
    (filter.until === undefined || entry.at < filter.until)
  );
}
