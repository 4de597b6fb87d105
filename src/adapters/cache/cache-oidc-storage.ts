import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import { sha256Base64url } from '../../domain/shared/digest.js';
import { parseJsonOrUndefined } from '../../domain/shared/safe-json.js';

export interface CacheOidcStorageOptions {
  /**
   * How long a revoked grant is remembered, in seconds: at least as long as anything issued under a
   * grant can live (the grant's own TTL), so that none of its tokens is found again.
   */
  revokedGrantTtlSeconds: number;
  /** The TTL of a record the provider stores without one (it gives one for every model it uses). */
  defaultTtlSeconds: number;
}

/**
 * oidc-provider's storage contract (one instance per model: Session, AccessToken, AuthorizationCode,
 * RefreshToken, Grant, Interaction, ...) over Signet's Cache port, so that every instance sharing the
 * cache shares every artifact, each kept for the TTL the provider gives it.
 *
 * - Records are kept under the digest of their id (a token's id is the token), and a token's `jti`
 *   is left out of what is stored: a dump of the cache holds no usable token.
 * - `consume` marks a record used in one atomic step (setIfAbsent on a marker). Of two concurrent
 *   uses of one code or refresh token, the loser is refused as a reuse and its grant revoked,
 *   rather than both being answered.
 * - `revokeByGrantId` remembers the grant as revoked; every record naming that grant reads as
 *   missing from then on, on every instance. A grant is one key, not a list to walk.
 */
export function cacheOidcStorage(cache: Cache, clock: Clock, options: CacheOidcStorageOptions): OidcStorage {
  return (model, refuseReuse) => new CacheOidcModelStorage(model, cache, clock, options, refuseReuse);
}

/**
 * The storage of one model. `refuseReuse` makes the error a reuse is refused with: the provider's
 * invalid_grant, given by whoever loaded the provider (it is loaded only when first used).
 */
export type OidcStorage = (model: string, refuseReuse: (message: string) => Error) => Adapter;

class CacheOidcModelStorage implements Adapter {
  constructor(
    private readonly model: string,
    private readonly cache: Cache,
    private readonly clock: Clock,
    private readonly options: CacheOidcStorageOptions,
    private readonly refuseReuse: (message: string) => Error,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const ttl = wholeTtl(expiresIn ?? this.options.defaultTtlSeconds);
    const { jti: _withheld, ...stored } = payload;
    const writes = [this.cache.set(this.key(id), JSON.stringify(stored), ttl)];
    if (typeof payload.uid === 'string') writes.push(this.cache.set(this.indexKey('uid', payload.uid), id, ttl));
    if (typeof payload.userCode === 'string') {
      writes.push(this.cache.set(this.indexKey('user-code', payload.userCode), id, ttl));
    }
    await Promise.all(writes);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const stored = readPayload(await this.cache.get(this.key(id)));
    if (stored === undefined) return undefined;
    const grantId = typeof stored.grantId === 'string' ? stored.grantId : this.model === 'Grant' ? id : undefined;
    const [consumed, revoked] = await Promise.all([
      this.cache.get(this.consumedKey(id)),
      grantId === undefined ? Promise.resolve(null) : this.cache.get(revokedGrantKey(grantId)),
    ]);
    if (revoked !== null) return undefined;
    const payload: AdapterPayload = { ...stored, jti: id };
    if (consumed !== null) payload.consumed = Number(consumed);
    return payload;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = await this.cache.get(this.indexKey('uid', uid));
    return id === null ? undefined : this.find(id);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = await this.cache.get(this.indexKey('user-code', userCode));
    return id === null ? undefined : this.find(id);
  }

  async consume(id: string): Promise<void> {
    const stored = readPayload(await this.cache.get(this.key(id)));
    if (stored === undefined) return;
    const now = Math.floor(this.clock.now() / 1000);
    const ttl = typeof stored.exp === 'number' ? wholeTtl(stored.exp - now) : this.options.defaultTtlSeconds;
    if (await this.cache.setIfAbsent(this.consumedKey(id), String(now), ttl)) return;
    // Another request used it first: this use is a reuse, and what the first one got is revoked.
    if (typeof stored.grantId === 'string') await this.revokeByGrantId(stored.grantId);
    throw this.refuseReuse(`${this.model === 'RefreshToken' ? 'refresh token' : 'grant'} already used`);
  }

  async destroy(id: string): Promise<void> {
    await this.cache.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.cache.set(revokedGrantKey(grantId), '1', this.options.revokedGrantTtlSeconds);
  }

  private key(id: string): string {
    return `oidc:${this.model}:${sha256Base64url(id)}`;
  }

  private consumedKey(id: string): string {
    return `oidc-consumed:${this.model}:${sha256Base64url(id)}`;
  }

  private indexKey(kind: string, value: string): string {
    return `oidc:${this.model}:${kind}:${sha256Base64url(value)}`;
  }
}

function revokedGrantKey(grantId: string): string {
  return `oidc-revoked-grant:${sha256Base64url(grantId)}`;
}

function wholeTtl(seconds: number): number {
  return Math.max(1, Math.ceil(seconds));
}

/** A record read back from the cache: a JSON object, or undefined for a miss or anything else. */
function readPayload(stored: string | null): AdapterPayload | undefined {
  if (stored === null) return undefined;
  const value = parseJsonOrUndefined(stored);
  return isPayload(value) ? value : undefined;
}

function isPayload(value: unknown): value is AdapterPayload {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
