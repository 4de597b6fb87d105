import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import { newPendingRequest, pendingKey } from '../../domain/sso-provider/handshake.js';
import { newToken } from '../../domain/sso-provider/sso-token.js';

export interface IssueRequestTokenDeps {
  cache: Cache;
  clock: Clock;
  random: RandomSource;
  config: { sso: { requestTokenTtlSeconds: number } };
}

/** Step 1 of the handshake: a client app, by a signed request, asks for a request token. */
export class IssueRequestToken {
  constructor(private readonly deps: IssueRequestTokenDeps) {}

  /** A new request token bound to `apiKey`, the key that signed the request. */
  async execute(apiKey: string): Promise<string> {
    const { cache, clock, random, config } = this.deps;
    const token = newToken(random);
    const ttl = config.sso.requestTokenTtlSeconds;
    await cache.set(pendingKey(apiKey, token), JSON.stringify(newPendingRequest(apiKey, clock.now(), ttl)), ttl);
    return token;
  }
}
