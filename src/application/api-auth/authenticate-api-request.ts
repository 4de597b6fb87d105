import { activeSecrets, type ApiCredential } from '../../domain/api-auth/api-credential.js';
import { apiAuthErrors } from '../../domain/api-auth/api-auth.errors.js';
import { isV2Authorization, parseV2Authorization } from '../../domain/api-auth/authorization-header.js';
import { parseV1Request } from '../../domain/api-auth/canonical-request-v1.js';
import { V2_DATE_HEADER, V2_NONCE_HEADER, type V2RequestParts } from '../../domain/api-auth/canonical-request-v2.js';
import { isWellFormedNonce, nonceMemorySeconds } from '../../domain/api-auth/nonce.js';
import { headerOf, type ApiPrincipal, type SignedRequest } from '../../domain/api-auth/signed-request.js';
import { v1SignatureMatches } from '../../domain/api-auth/signature-v1.js';
import { v2SignatureMatches } from '../../domain/api-auth/signature-v2.js';
import { driftSeconds, parseBasicIsoDate, parseUnixSeconds } from '../../domain/api-auth/timestamps.js';
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

/** Signs for unknown or revoked keys, so that they cost what a known key costs. */
const DUMMY_SECRETS = ['0000000000000000000000000000000000000000000000000000000000000000'];
/** How stale a key's last-used time may get before a request writes it again. */
const LAST_USE_RESOLUTION_MS = 60_000;

/**
 * Checks a signed request (protocol v1 or v2) and says who it acts for, or throws an ApiAuthError.
 * Order matters: the signature is checked before the timestamp and the entry point, so that
 * nobody without the SEC key learns what a key may call.
 */
export class AuthenticateApiRequest {
  private readonly credentialStore: CredentialStore;
  private readonly cache: Cache;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly allowedDriftMs: number;
  private readonly allowedDriftSeconds: number;

  /** Takes what it needs from `deps` once: a container's cradle resolves on every property read. */
  constructor(deps: AuthenticateApiRequestDeps) {
    this.credentialStore = deps.credentialStore;
    this.cache = deps.cache;
    this.clock = deps.clock;
    this.logger = deps.logger;
    this.allowedDriftSeconds = deps.config.apiAuth.allowedDriftSeconds;
    this.allowedDriftMs = this.allowedDriftSeconds * 1000;
  }

  async execute(request: SignedRequest): Promise<ApiPrincipal> {
    const authorization = headerOf(request, 'authorization');
    return isV2Authorization(authorization) ? this.verifyV2(request, authorization) : this.verifyV1(request);
  }

  private async verifyV1(request: SignedRequest): Promise<ApiPrincipal> {
    const parsed = parseV1Request(request.rawUrl);
    const { apiKey, timestamp, signature } = parsed.parameters;
    if (!apiKey || !timestamp || !signature) throw apiAuthErrors.parameterMissing();

    const now = this.clock.now();
    const credential = await this.credentialStore.findByApiKey(apiKey);
    const secrets = usableSecrets(credential, now);
    if (!v1SignatureMatches(secrets ?? DUMMY_SECRETS, parsed, signature, request.body) || !secrets) {
      throw secrets ? apiAuthErrors.signatureError() : apiAuthErrors.entryPointNotAllowed();
    }
    this.checkDrift(parseUnixSeconds(timestamp), now);
    return this.admit(credential as ApiCredential, request, now, 'v1');
  }

  private async verifyV2(request: SignedRequest, authorization: string): Promise<ApiPrincipal> {
    const auth = parseV2Authorization(authorization);
    const date = headerOf(request, V2_DATE_HEADER);
    const nonce = headerOf(request, V2_NONCE_HEADER);
    if (!auth || !date || !nonce || !isWellFormedNonce(nonce)) throw apiAuthErrors.parameterMissing();

    const now = this.clock.now();
    const credential = await this.credentialStore.findByApiKey(auth.apiKey);
    const secrets = usableSecrets(credential, now);
    const parts: V2RequestParts = {
      method: request.method,
      rawUrl: request.rawUrl,
      headers: (name) => headerOf(request, name),
      signedHeaders: auth.signedHeaders,
      body: request.body,
    };
    if (!v2SignatureMatches(secrets ?? DUMMY_SECRETS, date, parts, auth.signature) || !secrets) {
      throw secrets ? apiAuthErrors.signatureError() : apiAuthErrors.entryPointNotAllowed();
    }
    const dated = this.checkDrift(parseBasicIsoDate(date), now);
    const principal = this.admit(credential as ApiCredential, request, now, 'v2');
    const ttl = nonceMemorySeconds(dated, now, this.allowedDriftSeconds);
    if (!(await this.cache.setIfAbsent(`nonce:${auth.apiKey}:${nonce}`, '1', ttl))) {
      throw apiAuthErrors.replayedRequest();
    }
    return principal;
  }

  private checkDrift(at: number | null, now: number): number {
    if (at === null) throw apiAuthErrors.timestampRift(null);
    if (Math.abs(now - at) > this.allowedDriftMs) {
      throw apiAuthErrors.timestampRift(driftSeconds(now, at));
    }
    return at;
  }

  private admit(credential: ApiCredential, request: SignedRequest, now: number, protocol: 'v1' | 'v2'): ApiPrincipal {
    if (!credential.entryPoints.has(request.entryPoint)) throw apiAuthErrors.entryPointNotAllowed();
    if (credential.lastUsedAt === null || now - credential.lastUsedAt >= LAST_USE_RESOLUTION_MS) {
      this.credentialStore.recordUse(credential.apiKey, now).catch((error: unknown) => {
        this.logger.warn('could not record the use of an API key', { apiKey: credential.apiKey, reason: String(error) });
      });
    }
    return { apiKey: credential.apiKey, username: credential.username, protocol };
  }
}

/** The SEC keys a credential verifies with now; null when it is unknown, revoked or has none active. */
function usableSecrets(credential: ApiCredential | null, now: number): string[] | null {
  if (!credential || credential.revoked) return null;
  const secrets = activeSecrets(credential, now);
  return secrets.length > 0 ? secrets : null;
}
