import { z } from 'zod';
import { adminErrors } from '../../domain/admin/admin.errors.js';
import * as input from './admin-inputs.js';
import * as output from './admin-outputs.js';
import { oidcClientOperations } from './oidc-client-operations.js';
import * as apps from '../app-meter/app-outputs.js';

/**
 * Every admin operation, by name: what it takes and what it answers. The site, the admin API, the
 * command line (on a store or over `--server`) and the OpenAPI document all work from this one table.
 */
export const adminOperations = {
  createKey: { input: input.createKeyInput, output: output.createdApiKey },
  listKeys: { input: input.listKeysInput, output: output.apiKeyPage },
  showKey: { input: input.keyReference, output: output.apiKeySummary },
  updateKey: { input: input.updateKeyInput, output: output.apiKeySummary },
  allowEntryPoint: { input: input.allowEntryPointInput, output: output.allowed },
  disableKey: { input: input.keyReference, output: output.apiKeySummary },
  enableKey: { input: input.keyReference, output: output.apiKeySummary },
  revokeKey: { input: input.keyReference, output: output.apiKeySummary },
  rotateKey: { input: input.rotateKeyInput, output: output.rotatedApiKey },
  listEntryPoints: { input: input.nothing, output: z.array(output.entryPoint) },
  reloadEntryPoints: { input: input.nothing, output: z.array(output.entryPointChange) },
  listSsoHosts: { input: input.listSsoHostsInput, output: output.ssoHostPage },
  addSsoHost: { input: input.addSsoHostInput, output: output.addedSsoHost },
  removeSsoHost: { input: input.hostReference, output: output.removedSsoHost },
  listUsers: { input: input.listUsersInput, output: output.userPage },
  createUser: { input: input.createUserInput, output: output.userSummary },
  setPassword: { input: input.setPasswordInput, output: output.userSummary },
  setUserFlags: { input: input.setUserFlagsInput, output: output.userSummary },
  resetUserFactors: { input: input.userReference, output: output.factorsReset },
  listAudit: { input: input.listAuditInput, output: output.auditPage },
  listFailures: { input: input.listFailuresInput, output: z.array(output.failureSummary) },
  showReaderPolicy: { input: input.nothing, output: output.readerPolicyView },
  tryReaderQuery: { input: input.tryReaderQueryInput, output: output.readerTrial },
  ...oidcClientOperations,
  listApps: { input: input.listAppsInput, output: apps.appPage },
  showApp: { input: input.hostReference, output: apps.appDetail },
} as const;

export type AdminOperationName = keyof typeof adminOperations;

/** What an operation takes, as a caller writes it (before the checks and conversions). */
export type AdminInput<Name extends AdminOperationName> = z.input<(typeof adminOperations)[Name]['input']>;

/** What an operation takes, once checked. */
export type CheckedInput<Name extends AdminOperationName> = z.output<(typeof adminOperations)[Name]['input']>;

export type AdminOutput<Name extends AdminOperationName> = z.output<(typeof adminOperations)[Name]['output']>;

/** One operation, bound to whoever acts. */
export interface AdminOperation<Name extends AdminOperationName> {
  execute(input: AdminInput<Name>): Promise<AdminOutput<Name>>;
  /** The same, for input read from outside (a JSON body, a form, a query string): checked all the same. */
  executeUntyped(input: unknown): Promise<AdminOutput<Name>>;
}

/** Every admin operation, bound to whoever acts: on a store, or through a running Signet's admin API. */
export type AdminServices = { [Name in AdminOperationName]: AdminOperation<Name> };

/** The input checked by the operation's schema; `admin.invalid_input` naming the first problem otherwise. */
export function checkInput<Name extends AdminOperationName>(name: Name, given: unknown): CheckedInput<Name> {
  const parsed = adminOperations[name].input.safeParse(given);
  if (!parsed.success) throw adminErrors.invalidInput(describeProblem(parsed.error, given));
  // The schema is the one of `name`: TypeScript cannot follow a generic key through the table.
  return parsed.data as CheckedInput<Name>;
}

/** `field: what it accepts`, for the first issue of `given`; unknown fields are named. */
export function describeProblem(error: z.ZodError, given: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'the input is not valid';
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
  }
  const path = issue.path.map(String).join('.');
  if (path === '' && issue.code === 'invalid_type') return 'the input must be a JSON object';
  if (path !== '' && valueAt(given, issue.path) === undefined) return `${path}: is required`;
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

/** The value at `path` in `given`; undefined where there is none. */
function valueAt(given: unknown, path: readonly PropertyKey[]): unknown {
  let value = given;
  for (const step of path) {
    if (typeof value !== 'object' || value === null || typeof step === 'symbol') return undefined;
    value = (value as Record<string, unknown>)[String(step)];
  }
  return value;
}
