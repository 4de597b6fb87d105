import { ApiAuthError, apiAuthErrors } from '../../domain/api-auth/api-auth.errors.js';
import type { AuthFailureRecorder } from '../../domain/api-auth/auth-failure-recorder.js';
import { parseSignedRequest, type ParsedSignedRequest } from '../../domain/api-auth/parsed-signed-request.js';
import { judgeRateLimit, RATE_LIMIT_WINDOW_SECONDS } from '../../domain/api-auth/rate-limit.js';
import { explainSignature } from '../../domain/api-auth/signature-explanation.js';
import type { ApiPrincipal, SignedRequest } from '../../domain/api-auth/signed-request.js';
import { judgeNonce, NONCE_SCOPE, verifySignedRequest } from '../../domain/api-auth/signature-verifier.js';
import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { Logger } from '../../domain/shared/logger.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';

export interface AuthenticateApiRequestDeps {
  credentialStore: CredentialStore;
  /** Read for a key bound to a user: a key acts as its user only while the user is active. */
  userDirectory: Pick<UserDirectory, 'findByUsername'>;
  cache: Cache;
  clock: Clock;
  logger: Logger;
  authFailures: AuthFailureRecorder;
  config: { apiAuth: { allowedDriftSeconds: number; debug: boolean } };
}

/**
 * Checks a signed request (protocol v1 or v2) and says who it acts for, or throws an ApiAuthError:
 * loads the credential, lets the domain's verifier decide, refuses a key whose user is inactive
 * (`API key disabled`), counts the request against the key's
 * rate limit, and remembers a v2 nonce. Every refusal is counted, per key and reason, in memory.
 */
export class AuthenticateApiRequest {
  private readonly credentialStore: CredentialStore;
  private readonly userDirectory: Pick<UserDirectory, 'findByUsername'>;
  private readonly cache: Cache;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly authFailures: AuthFailureRecorder;
  private readonly allowedDriftSeconds: number;
  private readonly debug: boolean;

  /** Takes what it needs from `deps` once: it runs on every signed request. */
  constructor(deps: AuthenticateApiRequestDeps) {
    this.credentialStore = deps.credentialStore;
    this.userDirectory = deps.userDirectory;
    this.cache = deps.cache;
    this.clock = deps.clock;
    this.logger = deps.logger;
    this.authFailures = deps.authFailures;
    this.allowedDriftSeconds = deps.config.apiAuth.allowedDriftSeconds;
    this.debug = deps.config.apiAuth.debug;
  }

  async execute(request: SignedRequest): Promise<ApiPrincipal> {
    let parsed: ParsedSignedRequest;
    try {
      parsed = parseSignedRequest(request);
    } catch (error) {
      if (error instanceof ApiAuthError) this.authFailures.record(null, error.code, this.clock.now());
      throw error;
    }
    const credential = await this.credentialStore.findByApiKey(parsed.apiKey);
    const now = this.clock.now();
    const known = credential === null ? null : credential.apiKey;
    const verdict = verifySignedRequest(parsed, {
      credential,
      entryPoint: request.entryPoint,
      now,
      allowedDriftSeconds: this.allowedDriftSeconds,
      address: request.address,
    });
    if (!verdict.accepted) throw this.refused(known, now, this.withExplanation(verdict.refusal, parsed));
    if (!(await this.userIsActive(verdict.principal.username))) throw this.refused(known, now, apiAuthErrors.keyDisabled());
    if (verdict.rateLimit) {
      const [counted] = await this.cache.increment([verdict.rateLimit.counterKey], RATE_LIMIT_WINDOW_SECONDS);
      const refusal = counted ? judgeRateLimit(verdict.rateLimit, counted) : null;
      if (refusal) throw this.refused(known, now, refusal);
    }
    if (verdict.nonce) {
      const { key, rememberSeconds } = verdict.nonce;
      const refusal = judgeNonce(verdict.nonce, await this.cache.rememberOnce(NONCE_SCOPE, key, rememberSeconds));
      if (refusal) throw this.refused(known, now, refusal);
    }
    if (verdict.recordUse) this.recordUse(verdict.principal.apiKey, now, request.address);
    return verdict.principal;
  }

  /**
   * Marks the moment from which the cache remembers nonces, unless it is marked: run as Signet starts,
   * so that the first v2 request of a new deployment is not mistaken for one after a loss.
   */
  async prepare(): Promise<void> {
    await this.cache.beginRemembering(NONCE_SCOPE);
  }

  /**
   * A key bound to a user acts as them only while they are active: the user is read on every request,
   * as the admin site reads its staff user, so a deactivation counts from the next request on every
   * instance. Read after the signature, so that nobody without the SEC key learns of it.
   */
  private async userIsActive(username: string | null): Promise<boolean> {
    if (username === null) return true;
    const user = await this.userDirectory.findByUsername(username);
    return user !== null && user.isActive;
  }

  private refused(apiKey: string | null, now: number, refusal: ApiAuthError): ApiAuthError {
    this.authFailures.record(apiKey, refusal.code, now);
    return refusal;
  }

  /** With API_AUTH_DEBUG on, a signature error says what the server signed; it costs nothing otherwise. */
  private withExplanation(refusal: ApiAuthError, parsed: ParsedSignedRequest): ApiAuthError {
    if (!this.debug || refusal.code !== 'api_auth.signature_error') return refusal;
    return apiAuthErrors.signatureError(explainSignature(parsed));
  }

  /** Not awaited: a request is not held up, nor refused, for the sake of a last-used time. */
  private recordUse(apiKey: string, now: number, address: string | null): void {
    this.credentialStore.recordUse(apiKey, now, address).catch((error: unknown) => {
      this.logger.warn('could not record the use of an API key', { apiKey, reason: String(error) });
    });
  }
}
