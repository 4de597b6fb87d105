import { compareText } from '../shared/compare-text.js';
import { adminErrors } from './admin.errors.js';

/**
 * How much an admin caller may do. A superuser (or the command line, which holds the store itself)
 * may do everything. Anyone else holds a set of entry points: an admin key holds its own, a staff
 * user who is not a superuser holds those of their admin keys (or the set given on their user).
 */
export type AdminAuthority = { readonly kind: 'superuser' } | { readonly kind: 'limited'; readonly holds: ReadonlySet<string> };

export const SUPERUSER_AUTHORITY: AdminAuthority = { kind: 'superuser' };

export function limitedAuthority(holds: Iterable<string>): AdminAuthority {
  return { kind: 'limited', holds: new Set(holds) };
}

/** A key as the grant check sees it: what it holds, and whether it acts as a superuser. */
export interface KeyStanding {
  readonly entryPoints: Iterable<string>;
  readonly boundToSuperuser: boolean;
}

/** A user as the grant check sees it: their flags, and, for staff, the entry points they hold. */
export interface UserStanding {
  readonly isSuperuser: boolean;
  readonly isStaff: boolean;
  readonly holds: ReadonlySet<string>;
}

/** The first of `entryPoints` (in name order, so that the refusal is stable) the authority does not hold; null when it holds them all. */
export function firstNotHeld(authority: AdminAuthority, entryPoints: Iterable<string>): string | null {
  if (authority.kind === 'superuser') return null;
  const lacking = [...entryPoints].filter((name) => !authority.holds.has(name)).sort(compareText);
  return lacking[0] ?? null;
}

/** Throws `admin.not_held` naming the first of `entryPoints` the authority lacks. */
export function checkMayGrant(authority: AdminAuthority, entryPoints: Iterable<string>): void {
  const lacking = firstNotHeld(authority, entryPoints);
  if (lacking !== null) throw adminErrors.notHeld(lacking);
}

/**
 * Whether the authority may manage (change, rotate, enable, disable, revoke, sign as, read the new
 * SEC key of) a key: only one holding nothing the authority lacks, and not a key acting as a
 * superuser unless the authority is one.
 */
export function checkMayManageKey(authority: AdminAuthority, key: KeyStanding): void {
  if (authority.kind === 'superuser') return;
  checkMayGrant(authority, key.entryPoints);
  if (key.boundToSuperuser) throw adminErrors.superuserOnly('manage a key bound to a superuser');
}

/** Binding a key to a user lets it act as them: a superuser's identity is for superusers to hand out. */
export function checkMayBind(authority: AdminAuthority, user: { readonly isSuperuser: boolean } | null): void {
  if (authority.kind === 'superuser' || user === null) return;
  if (user.isSuperuser) throw adminErrors.superuserOnly('bind a key to a superuser');
}

/**
 * Whether the authority may change a user (password, flags): a superuser only by a superuser, and a
 * staff user only by someone who holds every entry point they hold (taking over their account
 * would hand over their power).
 */
export function checkMayChangeUser(authority: AdminAuthority, user: UserStanding): void {
  if (authority.kind === 'superuser') return;
  if (user.isSuperuser) throw adminErrors.superuserOnly('change a superuser');
  if (user.isStaff) checkMayGrant(authority, user.holds);
}

/** Giving someone the staff or the superuser flag is for superusers. */
export function checkMayGiveFlags(
  authority: AdminAuthority,
  flags: { readonly isStaff?: boolean | undefined; readonly isSuperuser?: boolean | undefined },
): void {
  if (authority.kind === 'superuser') return;
  if (flags.isSuperuser === true) throw adminErrors.superuserOnly('give the superuser flag');
  if (flags.isStaff === true) throw adminErrors.superuserOnly('give the staff flag');
}
