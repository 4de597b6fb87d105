import type { ApiCredential } from './api-credential.js';
import type { EntryPoint } from './entry-point.js';
import type { Page } from '../shared/page.js';

/**
 * Which credentials a page holds, and in which order: `created` is every credential, oldest first
 * (then by API key); `host` is the SSO keys only, by host, then oldest first, then by API key.
 */
export interface CredentialPageQuery {
  order: 'created' | 'host';
  /** At most this many items (1 or more). */
  limit: number;
  /** The API key the previous page ended with (its `next`); null for the first page. */
  after: string | null;
  /** Only credentials whose API key, user, note or SSO host contain this text, letter case aside. */
  search: string | null;
  /** Only credentials allowed this entry point. */
  entryPoint: string | null;
}

/**
 * Where API credentials and the known entry points live. SEC keys go in and come out in plain
 * text; an adapter that persists them encrypts them at rest. Times are milliseconds since the epoch.
 */
export interface CredentialStore {
  /** The credential with this API key, revoked ones included; null when there is none. */
  findByApiKey(apiKey: string): Promise<ApiCredential | null>;

  /** Every credential, oldest first. */
  list(): Promise<ApiCredential[]>;

  /** The credentials bound to this user, revoked ones included, oldest first, read through an index; [] for none. */
  listByUser(username: string): Promise<ApiCredential[]>;

  /** The SSO keys of this (normalized) host, revoked ones included, oldest first, read through an index; [] for none. */
  listBySsoHost(host: string): Promise<ApiCredential[]>;

  /**
   * One page of credentials in the query's order, read through an index: the cost grows with the
   * page, not with the store (a search scans what it must). `next` is the API key of the page's last
   * item when more follow. An `after` that names no credential rejects with `credentialErrors.unknownCursor`.
   */
  listPage(query: CredentialPageQuery): Promise<Page<ApiCredential>>;

  /** Inserts the credential, or replaces the one with the same API key. */
  save(credential: ApiCredential): Promise<void>;

  /**
   * Changes the credential with this API key in one step: `change` gets the stored credential and
   * returns what to store instead, or null to leave it as it is (it may throw to refuse). Concurrent
   * updates of one key never undo each other: when another write came first, `change` runs again on
   * what it wrote. Resolves what is stored afterwards; null when there is no such key (`change` is
   * then not called).
   */
  update(apiKey: string, change: (current: ApiCredential) => ApiCredential | null): Promise<ApiCredential | null>;

  /** Sets the last-used time of a key and the address it was used from; a missing key is ignored. */
  recordUse(apiKey: string, at: number, from: string | null): Promise<void>;

  /** Every known entry point, sorted by name. */
  listEntryPoints(): Promise<EntryPoint[]>;

  /** Inserts an entry point, or replaces the one with the same name. */
  saveEntryPoint(entryPoint: EntryPoint): Promise<void>;

  /** Deletes these entry points and takes them out of every credential that allowed them; unknown names are ignored. */
  removeEntryPoints(names: readonly string[]): Promise<void>;

  /** Resolves when the backend answers; rejects with the reason when it does not. */
  ping(): Promise<void>;
}
