import type { Cache } from '../ports/cache.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { RandomSource } from '../ports/random-source.port.js';
import type { SerializedUser } from '../ports/user-serializer.port.js';
import { constantTimeEqual } from '../api-auth/hmac.js';
import { ssoErrors } from './sso-provider.errors.js';
import { isWellFormedToken, newToken, tokenDigest } from './sso-token.js';

/** Once a user is bound to a request token, the client app has this long to redeem the pair. */
export const AUTH_TOKEN_TTL_SECONDS = 60;

export interface SsoHandshakeDeps {
  cache: Cache;
  clock: Clock;
  random: RandomSource;
  config: { sso: { requestTokenTtlSeconds: number } };
}

/** A request token waiting for its user to log in. Times are ms since the epoch. */
interface PendingRequest {
  apiKey: string;
  expiresAt: number;
}

/** A request token a user logged in with, waiting for the client app to redeem it. */
interface Grant {
  apiKey: string;
  user: SerializedUser;
  /** tokenDigest of the auth token: the token itself is never stored. */
  authDigest: string;
  expiresAt: number;
}

/** What the login page may show about a pending request token. */
export interface PendingRequestView {
  /** Whole seconds until the request token expires, at least 1. */
  secondsLeft: number;
}

/**
 * The token rules of the SSO handshake, over the Cache port so that every instance sharing the cache
 * sees the same tokens:
 *
 * 1. `issue`: a request token of 256 random bits, bound to the API key that asked for it.
 * 2. `inspect`: the login page checks the token is live and was issued to the key it names.
 * 3. `bind`: a logged-in user is attached to the token, once; a fresh auth token is minted, and the
 *    pair must be redeemed within AUTH_TOKEN_TTL_SECONDS.
 * 4. `redeem`: the key that asked for the token trades the pair for the user; both tokens are gone
 *    after the first attempt, good or bad, and of two concurrent attempts only one gets anything.
 *
 * Expiry is checked against the Clock as well as left to the cache's TTL.
 */
export class SsoHandshake {
  constructor(private readonly deps: SsoHandshakeDeps) {}

  /** A new request token for `apiKey`. */
  async issue(apiKey: string): Promise<string> {
    const { cache, clock, random, config } = this.deps;
    const token = newToken(random);
    const ttl = config.sso.requestTokenTtlSeconds;
    const pending: PendingRequest = { apiKey, expiresAt: clock.now() + ttl * 1000 };
    await cache.set(pendingKey(token), JSON.stringify(pending), ttl);
    return token;
  }

  /** How long a live request token of `apiKey` has left; throws invalid request token otherwise. */
  async inspect(requestToken: string, apiKey: string): Promise<PendingRequestView> {
    const pending = isWellFormedToken(requestToken)
      ? this.livePending(await this.deps.cache.get(pendingKey(requestToken)), apiKey)
      : null;
    if (!pending) throw ssoErrors.invalidRequestToken();
    return { secondsLeft: Math.max(1, Math.ceil((pending.expiresAt - this.deps.clock.now()) / 1000)) };
  }

  /**
   * Binds `user` to a live request token of `apiKey` and returns the auth token to hand to the
   * browser. The request token is taken atomically, so a second bind is refused.
   */
  async bind(requestToken: string, apiKey: string, user: SerializedUser): Promise<string> {
    const { cache, clock, random } = this.deps;
    await this.inspect(requestToken, apiKey);
    if (!this.livePending(await cache.take(pendingKey(requestToken)), apiKey)) throw ssoErrors.invalidRequestToken();
    const authToken = newToken(random);
    const grant: Grant = {
      apiKey,
      user,
      authDigest: tokenDigest(authToken),
      expiresAt: clock.now() + AUTH_TOKEN_TTL_SECONDS * 1000,
    };
    if (!(await cache.setIfAbsent(grantKey(requestToken), JSON.stringify(grant), AUTH_TOKEN_TTL_SECONDS))) {
      throw ssoErrors.invalidRequestToken();
    }
    return authToken;
  }

  /**
   * The user bound to the pair, for the API key that asked for the request token. Whatever the
   * outcome, the pair cannot be redeemed again. A token issued to another key reads as not found.
   */
  async redeem(requestToken: string, authToken: string, apiKey: string): Promise<SerializedUser> {
    const { cache, clock } = this.deps;
    if (!isWellFormedToken(requestToken)) throw ssoErrors.requestTokenNotFound();
    const grant = parse<Grant>(await cache.take(grantKey(requestToken)));
    if (!grant) {
      const pending = this.livePending(await cache.take(pendingKey(requestToken)), apiKey);
      throw pending ? ssoErrors.requestTokenError() : ssoErrors.requestTokenNotFound();
    }
    if (grant.apiKey !== apiKey || grant.expiresAt <= clock.now()) throw ssoErrors.requestTokenNotFound();
    const given = Buffer.from(tokenDigest(authToken));
    if (!constantTimeEqual(Buffer.from(grant.authDigest), given)) throw ssoErrors.authTokenError();
    return grant.user;
  }

  private livePending(stored: string | null, apiKey: string): PendingRequest | null {
    const pending = parse<PendingRequest>(stored);
    if (!pending || pending.apiKey !== apiKey || pending.expiresAt <= this.deps.clock.now()) return null;
    return pending;
  }
}

function pendingKey(requestToken: string): string {
  return `sso:request:${tokenDigest(requestToken)}`;
}

function grantKey(requestToken: string): string {
  return `sso:grant:${tokenDigest(requestToken)}`;
}

function parse<T>(stored: string | null): T | null {
  if (stored === null) return null;
  try {
    return JSON.parse(stored) as T;
  } catch {
    return null;
  }
}
