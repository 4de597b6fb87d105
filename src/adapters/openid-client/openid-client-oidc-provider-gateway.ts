import * as oidc from 'openid-client';
import type { Logger } from '../../domain/shared/logger.port.js';
import type { OidcLoginBinding, OidcProviderGateway } from '../../domain/oidc-client/oidc-provider-gateway.port.js';
import { OidcClientError, oidcClientErrors } from '../../domain/oidc-client/oidc-client.errors.js';

export interface OpenidClientOidcProviderGatewayDeps {
  config: {
    provider: {
      issuer: string;
      clientId: string;
      /** undefined for a public client, which authenticates with PKCE alone. */
      clientSecret: string | undefined;
      scopes: string;
      /** How long one call may take, answer included, before the provider counts as unavailable. */
      timeoutMs: number;
    };
  };
  logger: Logger;
  fetch: typeof fetch;
}

/** A call that did not get an answer from a working provider: no connection, no answer in time, a 5xx. */
class ProviderUnreachable extends Error {
  override readonly name = 'ProviderUnreachable';
}

/** Why an ID token is refused, by the claim that failed its comparison. */
const claimReasons: Readonly<Record<string, string>> = {
  nonce: 'was not issued for this login (its nonce is not the one this login sent)',
  aud: 'was issued to another app',
  azp: 'was issued to another app',
  iss: 'was issued by another provider',
};

/**
 * The OpenID provider through openid-client (panva's certified relying party): discovery, the
 * authorization request with PKCE (S256), state and nonce, the code exchange with the ID token's
 * checks (signature against the provider's JWKS, issuer, audience, expiry, nonce; `iss` in the
 * authorization response when the provider says it sends it), userinfo for the token's subject, and
 * RP-initiated logout. The metadata is read once; after a failed read, the next login reads it again.
 */
export class OpenidClientOidcProviderGateway implements OidcProviderGateway {
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(private readonly deps: OpenidClientOidcProviderGatewayDeps) {}

  async prepare(): Promise<void> {
    await this.discovered();
  }

  async authorizationUrl(binding: OidcLoginBinding): Promise<string> {
    const configuration = await this.discovered();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: binding.redirectUri,
      scope: this.deps.config.provider.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(binding.codeVerifier),
      code_challenge_method: 'S256',
      state: binding.state,
      nonce: binding.nonce,
    });
    return url.href;
  }

  async redeem(callbackUrl: string, binding: OidcLoginBinding): Promise<Readonly<Record<string, unknown>>> {
    const configuration = await this.discovered();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, new URL(callbackUrl), {
        pkceCodeVerifier: binding.codeVerifier,
        expectedState: binding.state,
        expectedNonce: binding.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw this.refusal('code exchange', error);
    }
    const claims = tokens.claims();
    if (claims === undefined) throw oidcClientErrors.idTokenRejected('is missing');
    let userinfo: oidc.UserInfoResponse;
    try {
      userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    } catch (error) {
      throw this.refusal('userinfo', error);
    }
    return { ...claims, ...userinfo };
  }

  async endSessionUrl(postLogoutRedirectUri: string): Promise<string> {
    const configuration = await this.discovered();
    if (configuration.serverMetadata().end_session_endpoint === undefined) {
      this.deps.logger.warn('the OpenID provider offers no logout (end_session_endpoint): the app logs out alone');
      return postLogoutRedirectUri;
    }
    return oidc.buildEndSessionUrl(configuration, { post_logout_redirect_uri: postLogoutRedirectUri }).href;
  }

  /** The provider's metadata, read at the first need; a failed read is forgotten, so the next need reads again. */
  private discovered(): Promise<oidc.Configuration> {
    if (this.configuration === null) {
      const reading = this.discover();
      this.configuration = reading;
      reading.catch(() => {
        if (this.configuration === reading) this.configuration = null;
      });
    }
    return this.configuration;
  }

  private async discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.deps.config.provider;
    const authentication = clientSecret === undefined ? oidc.None() : oidc.ClientSecretBasic(clientSecret);
    // A plain-http issuer is the operator's choice (the settings refuse one in production).
    const insecure = issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [];
    try {
      const configuration = await oidc.discovery(new URL(issuer), clientId, undefined, authentication, {
        execute: insecure,
        [oidc.customFetch]: this.fetchWithin,
      });
      configuration[oidc.customFetch] = this.fetchWithin;
      return configuration;
    } catch (error) {
      if (isUnreachable(error)) throw this.unavailable('discovery', error);
      const reason = discoveryProblem(error);
      this.deps.logger.error('the OpenID issuer is misconfigured: check SSO_URL', { issuer, reason });
      throw oidcClientErrors.issuerInvalid(issuer, reason);
    }
  }

  /** Every call to the provider: the timeout of the settings, and what says the provider is not working marked as such. */
  private readonly fetchWithin: oidc.CustomFetch = async (url, options) => {
    let response: Response;
    try {
      response = await this.deps.fetch(url, {
        method: options.method,
        headers: options.headers,
        body: options.body === undefined || options.body === null ? null : bodyOf(options.body),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.deps.config.provider.timeoutMs),
      });
    } catch (error) {
      throw new ProviderUnreachable(reasonOf(error));
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new ProviderUnreachable(`status ${response.status}`);
    }
    return response;
  };

  /** A failed exchange or userinfo call, as the visitor is told of it; logged without any token. */
  private refusal(step: string, error: unknown): OidcClientError {
    if (error instanceof OidcClientError) return error;
    if (isUnreachable(error)) return this.unavailable(step, error);
    if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError) {
      this.deps.logger.warn('the OpenID provider refused a login', { step, error: error.error });
      return oidcClientErrors.loginRefused(error.error);
    }
    if (error instanceof oidc.WWWAuthenticateChallengeError) {
      this.deps.logger.warn('the OpenID provider refused a login', { step, error: 'userinfo refused the access token' });
      return oidcClientErrors.loginRefused('invalid_token');
    }
    const claim = failedClaim(error);
    const code = error instanceof oidc.ClientError ? error.code : undefined;
    const reason =
      claim !== undefined
        ? claimReasons[claim]
        : code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED'
          ? 'has expired or is not valid yet'
          : code === 'OAUTH_JWS_SIGNATURE_VERIFICATION_FAILED' || code === 'OAUTH_KEY_SELECTION_FAILED'
            ? 'has a signature that does not verify against the provider’s keys'
            : undefined;
    if (step === 'code exchange' && reason !== undefined) {
      this.deps.logger.warn('an ID token failed its checks', { reason, ...(claim === undefined ? {} : { claim }) });
      return oidcClientErrors.idTokenRejected(reason);
    }
    this.deps.logger.warn('the OpenID provider gave an answer this client cannot use', {
      step,
      reason: error instanceof Error ? error.message : 'unknown',
    });
    return oidcClientErrors.providerAnswerInvalid();
  }

  private unavailable(step: string, error: unknown): OidcClientError {
    this.deps.logger.warn('the OpenID provider is unreachable', { step, reason: unreachableReason(error) });
    return oidcClientErrors.providerUnavailable();
  }
}

/** The causes of an error, outermost first. */
function* causes(error: unknown): Generator<unknown> {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth += 1) {
    yield current;
    current = current instanceof Error ? current.cause : undefined;
  }
}

function isUnreachable(error: unknown): boolean {
  return [...causes(error)].some((cause) => cause instanceof ProviderUnreachable);
}

function unreachableReason(error: unknown): string {
  const found = [...causes(error)].find((cause) => cause instanceof ProviderUnreachable);
  return found instanceof Error ? found.message : 'unknown';
}

/** The claim an ID token check failed on, when oauth4webapi names one. */
function failedClaim(error: unknown): string | undefined {
  for (const cause of causes(error)) {
    if (typeof cause === 'object' && cause !== null && !(cause instanceof Error)) {
      const claim: unknown = Reflect.get(cause, 'claim');
      if (typeof claim === 'string') return claim;
    }
  }
  return undefined;
}

/** What is wrong with the answer at the discovery URL, in words for the operator. */
function discoveryProblem(error: unknown): string {
  const code = error instanceof oidc.ClientError ? error.code : undefined;
  const response = [...causes(error)].find((cause) => cause instanceof Response);
  if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && response instanceof Response) return `it answered ${response.status}`;
  if (code === 'OAUTH_RESPONSE_IS_NOT_JSON') return 'its answer is not JSON';
  if (code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED') return 'the metadata there names another issuer';
  if (code === 'OAUTH_HTTP_REQUEST_FORBIDDEN') return 'plain http is not allowed';
  return 'its answer is not OpenID provider metadata';
}

/** Why a call failed, in words that never hold the URL: a timeout, or the network's error code. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'no answer in time';
  const cause: unknown = error.cause;
  const code: unknown = typeof cause === 'object' && cause !== null ? Reflect.get(cause, 'code') : undefined;
  return typeof code === 'string' ? code : error.name;
}

/** openid-client's request bodies, as fetch takes them. */
function bodyOf(body: Exclude<oidc.CustomFetchOptions['body'], null | undefined>): BodyInit {
  if (typeof body === 'string' || body instanceof URLSearchParams || body instanceof ReadableStream) return body;
  return new Uint8Array(body);
}
