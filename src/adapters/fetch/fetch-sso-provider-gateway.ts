import { z } from 'zod';
import { SignetClient, type SignetProtocol } from '../../client/signet-client.js';
import type { Logger } from '../../domain/shared/logger.port.js';
import type { SsoProviderGateway } from '../../domain/sso-client/sso-provider-gateway.port.js';
import { SsoClientError, ssoClientErrors } from '../../domain/sso-client/sso-client.errors.js';
import { parseJsonOrUndefined } from '../../domain/shared/safe-json.js';

export interface FetchSsoProviderGatewayDeps {
  config: {
    provider: {
      /** Where the provider is, such as `https://signet.example.com` (dj-sso-client's `url`). */
      url: string;
      apiKey: string;
      secretKey: string;
      /** The path the provider serves the handshake under, with both slashes: `/sso/`. */
      remoteUrlPrefix: string;
      protocol: SignetProtocol;
      /** How long one call may take, answer included, before the provider counts as unavailable. */
      timeoutMs: number;
    };
  };
  logger: Logger;
  fetch: typeof fetch;
}

/** No answer of the handshake comes near this; a larger one is not the protocol's. */
const MAX_ANSWER_BYTES = 1024 * 1024;

const requestTokenAnswer = z.object({ request_token: z.string().min(1).max(1024) });
const userAnswer = z.object({ user: z.unknown() });
const errorAnswer = z.object({ error: z.string() });

/**
 * The provider over HTTP, with calls signed by Signet's own client. dj-sso-server's paths under the
 * prefix: `reqeusttoken/` (its spelling; Signet serves `requesttoken/` too, dj-sso-server only this
 * one), `authtoken/` and `login/`. Protocol v1 by default, which every dj-sso-server speaks; v2 for a
 * Signet provider, by option. Redirects are not followed: a signed URL goes to the provider only.
 */
export class FetchSsoProviderGateway implements SsoProviderGateway {
  private readonly client: SignetClient;
  private readonly prefix: string;
  private readonly loginPage: string;
  private readonly apiKey: string;
  private readonly logger: Logger;

  constructor(deps: FetchSsoProviderGatewayDeps) {
    const { url, apiKey, secretKey, remoteUrlPrefix, protocol, timeoutMs } = deps.config.provider;
    const fetchWithin: typeof fetch = (input, init) =>
      deps.fetch(input, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    this.client = new SignetClient({ baseUrl: url, apiKey, secretKey, protocol, fetch: fetchWithin });
    this.prefix = remoteUrlPrefix;
    this.loginPage = `${url.replace(/\/+$/, '')}${remoteUrlPrefix}login/`;
    this.apiKey = apiKey;
    this.logger = deps.logger;
  }

  async requestToken(): Promise<string> {
    const answer = await this.call('request token', `${this.prefix}reqeusttoken/`);
    if (answer.status >= 400) {
      this.logger.error('the SSO provider refused the app its request token: check SSO_URL, SSO_API_KEY and SSO_SEC_KEY', {
        status: answer.status,
        reason: errorOf(answer.body),
      });
      throw ssoClientErrors.providerRefusedApp();
    }
    const parsed = requestTokenAnswer.safeParse(answer.body);
    if (!parsed.success) throw this.invalid('request token');
    return parsed.data.request_token;
  }

  loginPageUrl(requestToken: string, callbackUrl: string): string {
    const query = new URLSearchParams({ api_key: this.apiKey, request_token: requestToken, next: callbackUrl });
    return `${this.loginPage}?${query.toString()}`;
  }

  async redeem(requestToken: string, authToken: string): Promise<unknown> {
    const query = new URLSearchParams({ request_token: requestToken, auth_token: authToken });
    const answer = await this.call('redemption', `${this.prefix}authtoken/?${query.toString()}`);
    if (answer.status >= 400) throw ssoClientErrors.loginRefused(errorOf(answer.body) ?? `status ${answer.status}`);
    const parsed = userAnswer.safeParse(answer.body);
    if (!parsed.success) throw this.invalid('redemption');
    return parsed.data.user;
  }

  /**
   * One signed GET: its status (2xx or 4xx) and its JSON body (null when it has none). Anything that
   * says the provider is not working (no connection, no answer in time, a 5xx) is provider_unavailable;
   * a redirect or an oversized answer is not the protocol's.
   */
  private async call(step: string, pathAndQuery: string): Promise<{ status: number; body: unknown }> {
    let status: number;
    let text: string;
    try {
      const response = await this.client.get(pathAndQuery);
      status = response.status;
      if (Number(response.headers.get('content-length') ?? 0) > MAX_ANSWER_BYTES) {
        await response.body?.cancel();
        throw this.invalid(step);
      }
      text = await response.text();
    } catch (error) {
      if (error instanceof SsoClientError) throw error;
      // The URL is not logged: it carries the signature and, for a redemption, the tokens.
      this.logger.warn('the SSO provider is unreachable', { step, reason: reasonOf(error) });
      throw ssoClientErrors.providerUnavailable();
    }
    if (status >= 500) {
      this.logger.warn('the SSO provider failed', { step, status });
      throw ssoClientErrors.providerUnavailable();
    }
    if (status < 200 || (status >= 300 && status < 400) || text.length > MAX_ANSWER_BYTES) throw this.invalid(step, status);
    return { status, body: parseJsonOrUndefined(text) ?? null };
  }

  private invalid(step: string, status?: number): SsoClientError {
    this.logger.warn('the SSO provider gave an answer outside the protocol', {
      step,
      ...(status === undefined ? {} : { status }),
    });
    return ssoClientErrors.providerAnswerInvalid();
  }
}

function errorOf(body: unknown): string | null {
  const parsed = errorAnswer.safeParse(body);
  return parsed.success ? parsed.data.error : null;
}

/** Why a call failed, in words that never hold the URL: a timeout, or the network's error code. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'no answer in time';
  const cause: unknown = error.cause;
  const code: unknown = typeof cause === 'object' && cause !== null ? Reflect.get(cause, 'code') : undefined;
  return typeof code === 'string' ? code : error.name;
}
