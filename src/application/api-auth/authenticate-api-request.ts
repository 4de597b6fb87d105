import { parseSignedRequest } from '../../domain/api-auth/parsed-signed-request.js';
import type { ApiPrincipal, SignedRequest } from '../../domain/api-auth/signed-request.js';
import { judgeNonce, NONCE_SCOPE, verifySignedRequest } from '../../domain/api-auth/signature-verifier.js';
import type { Cache } from '../../domain/ports/cache.port.js';
import type { Clock } from '../../domain/ports/clock.port.js';
import type { CredentialStore } from '../../domain/ports/credential-store.port.js';
import type { Logger } from '../../domain/ports/logger.port.js';

export interface AuthenticateApiRequestDeps {
  credentialStore: CredentialStore;
  cache: Cache;
  clock: Clock;
  logger: Logger;
  config: { apiAuth: { allowedDriftSeconds: number } };
}

/**
 * Checks a signed request (protocol v1 or v2) and says who it acts for, or throws an ApiAuthError:
 * loads the credential, lets the domain's verifier decide, and remembers a v2 nonce.
 */
export class AuthenticateApiRequest {
  private readonly credentialStore: CredentialStore;
  private readonly cache: Cache;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly allowedDriftSeconds: number;

  /** Takes what it needs from `deps` once: it runs on every signed request. */
  constructor(deps: AuthenticateApiRequestDeps) {
    this.credentialStore = deps.credentialStore;
    this.cache = deps.cache;
    this.clock = deps.clock;
    this.logger = deps.logger;
    this.allowedDriftSeconds = deps.config.apiAuth.allowedDriftSeconds;
  }

  async execute(request: SignedRequest): Promise<ApiPrincipal> {
    const parsed = parseSignedRequest(request);
    const credential = await this.credentialStore.findByApiKey(parsed.apiKey);
    const now = this.clock.now();
    const verdict = verifySignedRequest(parsed, {
      credential,
      entryPoint: request.entryPoint,
      now,
      allowedDriftSeconds: this.allowedDriftSeconds,
    });
    if (!verdict.accepted) throw verdict.refusal;
    if (verdict.nonce) {
      const { key, rememberSeconds } = verdict.nonce;
      const refusal = judgeNonce(verdict.nonce, await this.cache.rememberOnce(NONCE_SCOPE, key, rememberSeconds));
      if (refusal) throw refusal;
    }
    if (verdict.recordUse) this.recordUse(verdict.principal.apiKey, now);
    return verdict.principal;
  }

  /**
   * Marks the moment from which the cache remembers nonces, unless it is marked: run as Signet starts,
   * so that the first v2 request of a new deployment is not mistaken for one after a loss.
   */
  async prepare(): Promise<void> {
    await this.cache.beginRemembering(NONCE_SCOPE);
  }

  /** Not awaited: a request is not held up, nor refused, for the sake of a last-used time. */
  private recordUse(apiKey: string, now: number): void {
    this.credentialStore.recordUse(apiKey, now).catch((error: unknown) => {
      this.logger.warn('could not record the use of an API key', { apiKey, reason: String(error) });
    });
  }
}
