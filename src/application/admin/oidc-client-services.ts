import type { CreateOidcClient } from '../oidc/create-oidc-client.js';
import type { DisableOidcClient } from '../oidc/disable-oidc-client.js';
import type { EnableOidcClient } from '../oidc/enable-oidc-client.js';
import type { ListOidcClients } from '../oidc/list-oidc-clients.js';
import type { ListSigningKeys } from '../oidc/list-signing-keys.js';
import type { RemoveOidcClient } from '../oidc/remove-oidc-client.js';
import type { RotateOidcClientSecret } from '../oidc/rotate-oidc-client-secret.js';
import type { RotateSigningKeys } from '../oidc/rotate-signing-keys.js';
import type { ShowOidcClient } from '../oidc/show-oidc-client.js';
import type { UpdateOidcClient } from '../oidc/update-oidc-client.js';
import {
  checkInput,
  type AdminOperation,
  type AdminOperationName,
  type AdminOutput,
  type CheckedInput,
} from './admin-operations.js';
import type { AdminChange } from './record-admin-change.js';

type UseCase<T extends { execute: unknown }> = Pick<T, 'execute'>;

/** The OpenID use cases behind the admin operations. */
export interface OidcAdminUseCases {
  createOidcClient: UseCase<CreateOidcClient>;
  listOidcClients: UseCase<ListOidcClients>;
  showOidcClient: UseCase<ShowOidcClient>;
  updateOidcClient: UseCase<UpdateOidcClient>;
  disableOidcClient: UseCase<DisableOidcClient>;
  enableOidcClient: UseCase<EnableOidcClient>;
  rotateOidcClientSecret: UseCase<RotateOidcClientSecret>;
  removeOidcClient: UseCase<RemoveOidcClient>;
  listSigningKeys: UseCase<ListSigningKeys>;
  rotateSigningKeys: UseCase<RotateSigningKeys>;
}

type OidcOperationName =
  | 'listOidcClients'
  | 'createOidcClient'
  | 'showOidcClient'
  | 'updateOidcClient'
  | 'disableOidcClient'
  | 'enableOidcClient'
  | 'rotateOidcClientSecret'
  | 'removeOidcClient'
  | 'listOidcKeys'
  | 'rotateOidcKeys';

/**
 * The OpenID admin operations, each change recorded with `record` (the caller's actor): what it
 * set, never a client secret or a private key.
 */
export function oidcClientServicesFor(
  useCases: OidcAdminUseCases,
  record: (change: AdminChange) => Promise<void>,
): { [Name in OidcOperationName]: AdminOperation<Name> } {
  return {
    listOidcClients: operation('listOidcClients', (query) => useCases.listOidcClients.execute(query)),
    createOidcClient: operation('createOidcClient', async ({ public: isPublic, ...request }) => {
      const { client, secret } = await useCases.createOidcClient.execute({ ...request, isPublic });
      await record({
        action: 'oidc.client-create',
        target: client.clientId,
        details: {
          name: client.name,
          redirectUris: client.redirectUris,
          postLogoutRedirectUris: client.postLogoutRedirectUris,
          scopes: client.scopes,
          firstParty: client.firstParty,
          confidential: client.confidential,
          signingAlg: client.idTokenSignedResponseAlg,
        },
      });
      return { client, clientSecret: secret };
    }),
    showOidcClient: operation('showOidcClient', ({ clientId }) => useCases.showOidcClient.execute(clientId)),
    updateOidcClient: operation('updateOidcClient', async ({ clientId, ...changes }) => {
      const updated = await useCases.updateOidcClient.execute(clientId, changes);
      const details = Object.fromEntries(
        Object.keys(changes).map((field) => [auditName(field), fieldOf(updated, field)] as const),
      );
      await record({ action: 'oidc.client-update', target: clientId, details });
      return updated;
    }),
    disableOidcClient: operation('disableOidcClient', async ({ clientId }) => {
      const changed = await useCases.disableOidcClient.execute(clientId);
      await record({ action: 'oidc.client-disable', target: clientId });
      return changed;
    }),
    enableOidcClient: operation('enableOidcClient', async ({ clientId }) => {
      const changed = await useCases.enableOidcClient.execute(clientId);
      await record({ action: 'oidc.client-enable', target: clientId });
      return changed;
    }),
    rotateOidcClientSecret: operation('rotateOidcClientSecret', async ({ clientId }) => {
      const { client, secret } = await useCases.rotateOidcClientSecret.execute(clientId);
      await record({ action: 'oidc.client-rotate-secret', target: clientId });
      return { client, clientSecret: secret };
    }),
    removeOidcClient: operation('removeOidcClient', async ({ clientId }) => {
      await useCases.removeOidcClient.execute(clientId);
      await record({ action: 'oidc.client-remove', target: clientId });
      return { clientId, removed: true as const };
    }),
    listOidcKeys: operation('listOidcKeys', () => useCases.listSigningKeys.execute()),
    rotateOidcKeys: operation('rotateOidcKeys', async ({ activationDelaySeconds }) => {
      const added = await useCases.rotateSigningKeys.execute(activationDelaySeconds);
      await record({
        action: 'oidc.keys-rotate',
        target: 'signing keys',
        details: {
          added: added.map((key) => `${key.alg} ${key.kid}`),
          activatesAt: new Date(added[0]?.activatesAt ?? 0).toISOString(),
        },
      });
      return added;
    }),
  };
}

/** The audit log refuses detail names that sound like a secret ("token"): the ID token algorithm is recorded as `signingAlg`. */
function auditName(field: string): string {
  return field === 'idTokenSignedResponseAlg' ? 'signingAlg' : field;
}

/** A field of the client as the update left it, for the record. */
function fieldOf(client: object, field: string): string | boolean | readonly string[] | null {
  const value: unknown = Object.entries(client).find(([name]) => name === field)?.[1];
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return Array.isArray(value) ? value.map(String) : null;
}

/** An operation that checks its input before running. */
function operation<Name extends AdminOperationName>(
  name: Name,
  run: (input: CheckedInput<Name>) => Promise<AdminOutput<Name>>,
): AdminOperation<Name> {
  const checked = async (input: unknown) => run(checkInput(name, input));
  return { execute: checked, executeUntyped: checked };
}
