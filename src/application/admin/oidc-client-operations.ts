import { z } from 'zod';
import { OIDC_SCOPES } from '../../domain/oidc/oidc-client.js';
import { SIGNING_ALGORITHMS } from '../../domain/oidc/signing-key.js';
import { pageFields } from './admin-inputs.js';

/**
 * The admin operations on OpenID Connect clients and signing keys: what each takes and answers.
 * Redirect URIs and scopes are taken as text and checked by the domain, which says which one is
 * wrong and why (not absolute, a fragment, plain http on a host that is not loopback, an unknown scope).
 */

const clientIdField = z
  .string({ error: 'is required' })
  .regex(/^[A-Za-z0-9._-]{1,64}$/, { error: 'is a client id: 1 to 64 letters, digits, dots, dashes or underscores' });
const uriList = z.array(z.string({ error: 'is a URL' }).max(2000, { error: 'is at most 2000 characters' }), {
  error: 'is a list of URLs',
});
const scopeList = z.array(z.string({ error: 'is a scope' }).max(100), {
  error: `is a list of scopes (${OIDC_SCOPES.join(', ')})`,
});
const nameField = z.string({ error: 'is text' }).max(200, { error: 'is at most 200 characters' });
const flag = z.boolean({ error: 'is true or false' });
const algField = z.enum(SIGNING_ALGORITHMS, { error: `is ${SIGNING_ALGORITHMS.join(' or ')}` });
const clientReference = z.strictObject({ clientId: clientIdField });

const createOidcClientInput = z.strictObject({
  clientId: clientIdField.optional(),
  name: nameField.optional(),
  redirectUris: uriList,
  postLogoutRedirectUris: uriList.optional(),
  scopes: scopeList.optional(),
  firstParty: flag.optional(),
  /** A public client has no secret and relies on PKCE alone. */
  public: flag.optional(),
  idTokenSignedResponseAlg: algField.optional(),
});

const updateOidcClientInput = z.strictObject({
  clientId: clientIdField,
  name: nameField.optional(),
  redirectUris: uriList.optional(),
  postLogoutRedirectUris: uriList.optional(),
  scopes: scopeList.optional(),
  firstParty: flag.optional(),
  idTokenSignedResponseAlg: algField.optional(),
});

const rotateOidcKeysInput = z.strictObject({
  /** Seconds before the new keys sign; the setting OIDC_KEY_ACTIVATION_DELAY when not given. 0 for a key that leaked. */
  activationDelaySeconds: z
    .number({ error: 'is a whole number of seconds' })
    .int({ error: 'is a whole number of seconds' })
    .min(0, { error: 'is at least 0' })
    .max(30 * 24 * 60 * 60, { error: 'is at most 2592000 (30 days)' })
    .optional(),
});

export const oidcClientSummary = z.object({
  clientId: z.string(),
  name: z.string(),
  confidential: z.boolean(),
  redirectUris: z.array(z.string()).readonly(),
  postLogoutRedirectUris: z.array(z.string()).readonly(),
  scopes: z.array(z.enum(OIDC_SCOPES)).readonly(),
  firstParty: z.boolean(),
  idTokenSignedResponseAlg: z.enum(SIGNING_ALGORITHMS),
  disabled: z.boolean(),
  createdAt: z.number(),
});

/** A client with its secret: in the answer that made the secret, and in no other. Null for a public client. */
const oidcClientWithSecret = z.object({ client: oidcClientSummary, clientSecret: z.string().nullable() });

const signingKeyView = z.object({
  kid: z.string(),
  alg: z.string(),
  createdAt: z.number(),
  activatesAt: z.number(),
  state: z.enum(['pending', 'signing', 'retiring']),
  dropsAt: z.number().nullable(),
});

export const oidcClientOperations = {
  listOidcClients: {
    input: z.strictObject(pageFields),
    output: z.object({ items: z.array(oidcClientSummary), total: z.number(), next: z.string().nullable() }),
  },
  createOidcClient: { input: createOidcClientInput, output: oidcClientWithSecret },
  showOidcClient: { input: clientReference, output: oidcClientSummary },
  updateOidcClient: { input: updateOidcClientInput, output: oidcClientSummary },
  disableOidcClient: { input: clientReference, output: oidcClientSummary },
  enableOidcClient: { input: clientReference, output: oidcClientSummary },
  rotateOidcClientSecret: { input: clientReference, output: oidcClientWithSecret },
  removeOidcClient: { input: clientReference, output: z.object({ clientId: z.string(), removed: z.literal(true) }) },
  listOidcKeys: { input: z.strictObject({}), output: z.array(signingKeyView) },
  rotateOidcKeys: { input: rotateOidcKeysInput, output: z.array(signingKeyView) },
} as const;
