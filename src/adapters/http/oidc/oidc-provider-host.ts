import { z } from 'zod';
import type { Adapter, Configuration, interactionPolicy, KoaContextWithOIDC } from 'oidc-provider';
import type Provider from 'oidc-provider';
import type { FindOidcAccount } from '../../../application/oidc/find-oidc-account.js';
import type { FindOidcClient } from '../../../application/oidc/find-oidc-client.js';
import type { PrepareSigningKeys } from '../../../application/oidc/prepare-signing-keys.js';
import type { RecordOidcLogin } from '../../../application/oidc/record-oidc-login.js';
import type { RememberOidcSubject } from '../../../application/oidc/remember-oidc-subject.js';
import { ACR_SECOND_FACTOR, ACR_VALUES, asksForSecondFactor } from '../../../domain/oidc/oidc-acr.js';
import { CLAIMS_BY_SCOPE } from '../../../domain/oidc/oidc-claims.js';
import { OIDC_SCOPES } from '../../../domain/oidc/oidc-client.js';
import type { Logger } from '../../../domain/shared/logger.port.js';
import { parseJson } from '../../../domain/shared/safe-json.js';
import { isDomainError } from '../../../domain/errors.js';
import { clientMetadata } from './oidc-client-metadata.js';
import { logoutSource, postLogoutSuccessSource, renderError } from './oidc-page-sources.js';
import type { SignetSessionReader } from './signet-session-reader.js';

export interface OidcProviderHostDeps {
  config: { oidc: { issuer: string; grantTtlSeconds: number }; session: { secret: string }; trustProxy: boolean };
  logger: Logger;
  /** oidc-provider's storage for one model, over the shared cache. */
  oidcStorage: (model: string, refuseReuse: (message: string) => Error) => Adapter;
  findOidcClient: FindOidcClient;
  findOidcAccount: FindOidcAccount;
  recordOidcLogin: RecordOidcLogin;
  rememberOidcSubject: RememberOidcSubject;
  prepareSigningKeys: PrepareSigningKeys;
  signetSessions: SignetSessionReader;
}

/** A private signing key as the store keeps it: a JSON Web Key with its kid. */
const privateJwk = z.looseObject({ kty: z.string(), kid: z.string() });

/** Where the interaction pages are, under the provider's mount. */
export const INTERACTION_PATH = '/oidc/interaction';

/**
 * The OpenID provider (panva's oidc-provider), built at its first use, once the signing keys are
 * read from the store (made at the very first start). A failure to build (the store is down) is
 * not kept: the next request tries again.
 */
type OidcProviderModule = typeof import('oidc-provider');

export class OidcProviderHost {
  private building: Promise<Provider> | null = null;
  private loaded: OidcProviderModule | null = null;

  constructor(private readonly deps: OidcProviderHostDeps) {}

  provider(): Promise<Provider> {
    this.building ??= this.build().catch((error: unknown) => {
      this.building = null;
      throw error;
    });
    return this.building;
  }

  /** True when `error` says the browser's interaction is gone (expired, finished, or never this browser's). */
  isInteractionGone(error: unknown): boolean {
    return this.loaded !== null && error instanceof this.loaded.errors.SessionNotFound;
  }

  /**
   * oidc-provider is loaded here, at the first OpenID request, rather than with Signet: on Node.js 20
   * it prints a warning as it loads, which the command line and a server never asked to use it
   * should not print.
   */
  private async build(): Promise<Provider> {
    const loaded = await import('oidc-provider');
    this.loaded = loaded;
    const keys = await this.deps.prepareSigningKeys.execute();
    const jwks = { keys: keys.map((key) => privateJwk.parse(parseJson(key.privateJwk))) };
    const provider = new loaded.Provider(this.deps.config.oidc.issuer, { ...this.configuration(loaded), jwks });
    provider.proxy = this.deps.config.trustProxy;
    provider.on('server_error', (_ctx: unknown, error: unknown) =>
      this.deps.logger.error('the OpenID provider failed a request', {
        reason: error instanceof Error ? error.message : String(error),
      }),
    );
    provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<unknown>) => {
      await next();
      // An OpenID logout the user confirmed ends their Signet session too: one login, one logout.
      if (ctx.oidc.route === 'end_session_confirm' && ctx.status === 303 && ctx.oidc.params?.logout) {
        await this.deps.signetSessions.end(ctx);
      }
    });
    return provider;
  }

  private configuration(loaded: OidcProviderModule): Configuration {
    const { config, oidcStorage, findOidcClient, findOidcAccount } = this.deps;
    const refuseReuse = (message: string): Error => new loaded.errors.InvalidGrant(message);
    const guarded = (adapter: Adapter): Adapter => answeringUnavailable(adapter, loaded);
    const clients: Adapter = {
      async find(id) {
        const client = await findOidcClient.execute(id);
        return client === null ? undefined : clientMetadata(client);
      },
      ...refusedWrites(),
    };
    const ttl = config.oidc.grantTtlSeconds;
    return {
      acrValues: [...ACR_VALUES],
      adapter: (model: string) => guarded(model === 'Client' ? clients : oidcStorage(model, refuseReuse)),
      cookies: {
        keys: [config.session.secret],
        long: { signed: true, httpOnly: true, sameSite: 'lax' },
        short: { signed: true, httpOnly: true, sameSite: 'lax' },
      },
      claims: {
        ...Object.fromEntries(Object.entries(CLAIMS_BY_SCOPE).map(([scope, claims]) => [scope, [...claims]])),
        // How the login was made, in every ID token (the provider puts acr in only when asked for, amr never).
        openid: [...CLAIMS_BY_SCOPE.openid, 'acr', 'amr'],
      },
      scopes: [...OIDC_SCOPES],
      responseTypes: ['code'],
      pkce: { required: () => true },
      allowOmittingSingleRegisteredRedirectUri: false,
      clientBasedCORS: () => false,
      clientDefaults: {
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      },
      features: {
        devInteractions: { enabled: false },
        introspection: { enabled: true, allowedPolicy: ownTokenOfConfidentialClient },
        revocation: { enabled: true, allowedPolicy: ownTokenOfConfidentialClient },
        rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
        userinfo: { enabled: true },
      },
      renderError,
      findAccount: async (_ctx, sub, token) => {
        const account = await unavailableAs503(() => findOidcAccount.execute(sub, token?.grantId), loaded);
        return account === null
          ? undefined
          : { accountId: account.accountId, claims: () => ({ ...account.claims, sub: account.claims.sub }) };
      },
      interactions: {
        url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}`,
        policy: this.policy(loaded),
      },
      issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      rotateRefreshToken: true,
      ttl: {
        AuthorizationCode: 60,
        AccessToken: 10 * 60,
        IdToken: 60 * 60,
        Interaction: 10 * 60,
        Session: 12 * 60 * 60,
        Grant: ttl,
        RefreshToken: ttl,
      },
    };
  }

  /**
   * The provider's own prompts, with one check more on `login`: the browser's Signet session must be
   * live and the same user's. A logout from Signet, a new password or a deactivation (each ends the
   * Signet session) therefore asks for a login again, and `prompt=none` answers login_required.
   */
  private policy({ interactionPolicy: prompts }: OidcProviderModule): interactionPolicy.DefaultPolicy {
    const policy = prompts.base();
    const { signetSessions, recordOidcLogin, rememberOidcSubject } = this.deps;
    policy.get('login')?.checks.add(
      new prompts.Check(
        'signet_session',
        'End-User authentication is required',
        'login_required',
        async (ctx: KoaContextWithOIDC) => {
          const accountId = ctx.oidc.session?.accountId;
          if (accountId === undefined) return prompts.Check.REQUEST_PROMPT;
          const session = await signetSessions.current(ctx);
          if (session === null) return prompts.Check.REQUEST_PROMPT;
          try {
            if ((await rememberOidcSubject.execute(session.username)) !== accountId) return prompts.Check.REQUEST_PROMPT;
            // The live session vouches for this login: the grant it reuses is bound to the session's floor.
            const grantId = ctx.oidc.client ? ctx.oidc.session?.grantIdFor(ctx.oidc.client.clientId) : undefined;
            if (grantId !== undefined) await recordOidcLogin.execute(grantId, session.username, session.floor);
          } catch {
            return prompts.Check.REQUEST_PROMPT;
          }
          return prompts.Check.NO_NEED_TO_PROMPT;
        },
      ),
    );
    // An application that asks for a second factor (acr_values) gets a login that passed one: a
    // provider login without it is asked again, and the interaction asks for the factor.
    policy
      .get('login')
      ?.checks.add(
        new prompts.Check('signet_second_factor', 'a second factor is requested', 'login_required', (ctx: KoaContextWithOIDC) =>
          asksForSecondFactor(ctx.oidc.params?.acr_values) && ctx.oidc.acr !== ACR_SECOND_FACTOR
            ? prompts.Check.REQUEST_PROMPT
            : prompts.Check.NO_NEED_TO_PROMPT,
        ),
      );
    return policy;
  }
}

/**
 * The provider answers any error it does not know with a 500: a lost cache or store is told as what
 * it is, a 503 `temporarily_unavailable` (RFC 6749's code for it), which a client may retry.
 */
function answeringUnavailable(adapter: Adapter, loaded: OidcProviderModule): Adapter {
  return {
    upsert: (id, payload, expiresIn) => unavailableAs503(() => adapter.upsert(id, payload, expiresIn), loaded),
    find: (id) => unavailableAs503(() => adapter.find(id), loaded),
    findByUid: (uid) => unavailableAs503(() => adapter.findByUid(uid), loaded),
    findByUserCode: (code) => unavailableAs503(() => adapter.findByUserCode(code), loaded),
    consume: (id) => unavailableAs503(() => adapter.consume(id), loaded),
    destroy: (id) => unavailableAs503(() => adapter.destroy(id), loaded),
    revokeByGrantId: (grantId) => unavailableAs503(() => adapter.revokeByGrantId(grantId), loaded),
  };
}

async function unavailableAs503<T>(work: () => Promise<T>, loaded: OidcProviderModule): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'backend.unavailable') throw error;
    const refusal = new loaded.errors.CustomOIDCProviderError('temporarily_unavailable', error.message);
    refusal.statusCode = 503;
    refusal.status = 503;
    throw refusal;
  }
}

/** Introspection and revocation: only a confidential client, and only for its own tokens. */
async function ownTokenOfConfidentialClient(
  _ctx: KoaContextWithOIDC,
  client: { clientAuthMethod?: string | undefined; clientId: string },
  token: { clientId?: string | undefined },
): Promise<boolean> {
  return client.clientAuthMethod !== 'none' && token.clientId === client.clientId;
}

/** Clients are registered through Signet's admin, never by the provider itself. */
function refusedWrites(): Omit<Adapter, 'find'> {
  const refuse = async (): Promise<never> => {
    throw new Error('OpenID clients are managed through Signet, not by the provider');
  };
  return {
    upsert: refuse,
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    consume: refuse,
    destroy: refuse,
    revokeByGrantId: async () => undefined,
  };
}
