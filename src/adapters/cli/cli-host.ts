import type { CreateApiKey } from '../../application/credentials/create-api-key.js';
import type { AllowEntryPoint } from '../../application/credentials/allow-entry-point.js';
import type { ListApiKeys } from '../../application/credentials/list-api-keys.js';
import type { ListEntryPoints } from '../../application/credentials/list-entry-points.js';
import type { ReloadEntryPoints } from '../../application/credentials/reload-entry-points.js';
import type { RevokeApiKey } from '../../application/credentials/revoke-api-key.js';
import type { RotateApiKey } from '../../application/credentials/rotate-api-key.js';
import type { AddSsoHost } from '../../application/sso-provider/add-sso-host.js';
import type { ListSsoHosts } from '../../application/sso-provider/list-sso-hosts.js';
import type { RemoveSsoHost } from '../../application/sso-provider/remove-sso-host.js';
import type { EntryPoint } from '../../domain/api-auth/entry-point.js';
import type { Clock } from '../../domain/ports/clock.port.js';
import type { CliIo } from './cli-io.js';

type UseCase<T extends { execute: unknown }> = Pick<T, 'execute'>;

/** The use cases the commands call: on a store, or through a running Signet. */
export interface CliServices {
  createApiKey: UseCase<CreateApiKey>;
  listApiKeys: UseCase<ListApiKeys>;
  listEntryPoints: UseCase<ListEntryPoints>;
  allowEntryPoint: UseCase<AllowEntryPoint>;
  revokeApiKey: UseCase<RevokeApiKey>;
  rotateApiKey: UseCase<RotateApiKey>;
  reloadEntryPoints: UseCase<ReloadEntryPoints>;
  addSsoHost: UseCase<AddSsoHost>;
  listSsoHosts: UseCase<ListSsoHosts>;
  removeSsoHost: UseCase<RemoveSsoHost>;
}

/** The services of one command's run, and what they act on. */
export interface CliRuntime {
  readonly services: CliServices;
  /** The entry points the routes declare. */
  readonly entryPoints: readonly EntryPoint[];
  /** True when the store lives in this process only, so that changes end with the command. */
  readonly ephemeral: boolean;
  close(): Promise<void>;
}

/** What the composition root gives the command line. */
export interface CliHost {
  readonly io: CliIo;
  readonly clock: Clock;
  /** Signet's version, for `--version`. */
  readonly version: string;
  /** Whether the environment is production, read on its own: the demo key is no default there. */
  readonly isProduction: boolean;
  /** Opens the services the environment names; rejects with CliConfigError on a bad configuration. */
  open(): Promise<CliRuntime>;
}
