import type { AdminServices } from '../../application/admin/admin-operations.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CliIo } from './cli-io.js';

/** The operations the commands call: on a store, or through a running Signet's admin API. */
export type CliServices = AdminServices;

/** The services of one command's run, and what they act on. */
export interface CliRuntime {
  readonly services: CliServices;
  /** True when the store lives in this process only, so that changes end with the command. */
  readonly ephemeral: boolean;
  close(): Promise<void>;
}

/** Where the commands act: the store the environment names, or a running Signet (`--server URL`). */
export interface CliTarget {
  /** The base URL of a running Signet, whose admin API the commands then use. */
  readonly server?: string | undefined;
  /** The command as typed after the global options, for a refusal to show the line to use instead. */
  readonly command?: readonly string[] | undefined;
}

/** What the composition root gives the command line. */
export interface CliHost {
  readonly io: CliIo;
  readonly clock: Clock;
  /** Signet's version, for `--version`. */
  readonly version: string;
  /** Whether the environment is production, read on its own: the demo key is no default there. */
  readonly isProduction: boolean;
  /**
   * Opens the services of `target`; rejects with CliConfigError on a bad configuration (or, with a
   * server, when no admin key is given where no demo one applies).
   */
  open(target?: CliTarget): Promise<CliRuntime>;
}
