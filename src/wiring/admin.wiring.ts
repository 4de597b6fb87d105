import { asClass, asFunction } from 'awilix';
import { CountAuthFailures } from '../application/admin/count-auth-failures.js';
import { CreateUser } from '../application/admin/create-user.js';
import { ListAuditEntries } from '../application/admin/list-audit-entries.js';
import { ListAuthFailures } from '../application/admin/list-auth-failures.js';
import { ListUsers } from '../application/admin/list-users.js';
import { RecordAdminChange } from '../application/admin/record-admin-change.js';
import { ResolveAdminAuthority } from '../application/admin/resolve-admin-authority.js';
import { RequireBindableUser } from '../application/admin/require-bindable-user.js';
import { SecretReveal } from '../application/admin/secret-reveal.js';
import { SetUserFlags } from '../application/admin/set-user-flags.js';
import { SetUserPassword } from '../application/admin/set-user-password.js';
import { ShowReaderPolicy } from '../application/admin/show-reader-policy.js';
import { SignAsKey } from '../application/admin/sign-as-key.js';
import { TryReaderQuery } from '../application/admin/try-reader-query.js';
import type { AuthFailureRecorder } from '../domain/api-auth/auth-failure-recorder.js';
import type { AuditLog } from '../domain/admin/audit-log.port.js';
import type { Logger } from '../domain/shared/logger.port.js';
import type { Wiring } from './wiring.js';

/** The admin: its record of changes, the users it manages, and the counts of refused requests. */
export interface AdminCradle {
  recordAdminChange: RecordAdminChange;
  requireBindableUser: RequireBindableUser;
  listUsers: ListUsers;
  createUser: CreateUser;
  setUserPassword: SetUserPassword;
  setUserFlags: SetUserFlags;
  listAuditEntries: ListAuditEntries;
  listAuthFailures: ListAuthFailures;
  countAuthFailures: CountAuthFailures;
  /** Where the signed-request path counts its refusals: `countAuthFailures`. */
  authFailures: AuthFailureRecorder;
  secretReveal: SecretReveal;
  signAsKey: SignAsKey;
  showReaderPolicy: ShowReaderPolicy;
  tryReaderQuery: TryReaderQuery;
  resolveAdminAuthority: ResolveAdminAuthority;
}

/** How often each instance writes out its counts of refused requests. */
const FAILURE_FLUSH_MS = 10_000;

export function adminWiring(): Wiring<AdminCradle> {
  return {
    recordAdminChange: asClass(RecordAdminChange).singleton(),
    requireBindableUser: asClass(RequireBindableUser).singleton(),
    listUsers: asClass(ListUsers).singleton(),
    createUser: asClass(CreateUser).singleton(),
    setUserPassword: asClass(SetUserPassword).singleton(),
    setUserFlags: asClass(SetUserFlags).singleton(),
    listAuditEntries: asClass(ListAuditEntries).singleton(),
    listAuthFailures: asClass(ListAuthFailures).singleton(),
    countAuthFailures: asFunction(startCounting)
      .singleton()
      .disposer((counter) => counter.stop()),
    authFailures: asFunction(({ countAuthFailures }: { countAuthFailures: CountAuthFailures }) => countAuthFailures).singleton(),
    secretReveal: asClass(SecretReveal).singleton(),
    signAsKey: asClass(SignAsKey).singleton(),
    showReaderPolicy: asClass(ShowReaderPolicy).singleton(),
    tryReaderQuery: asClass(TryReaderQuery).singleton(),
    resolveAdminAuthority: asClass(ResolveAdminAuthority).singleton(),
  };
}

/** The counter, flushed on a timer that never keeps the process alive; stopping flushes once more. */
function startCounting(deps: { auditLog: AuditLog; logger: Logger }): CountAuthFailures & { stop(): Promise<void> } {
  const counter = new CountAuthFailures(deps);
  const flushQuietly = () => counter.flush().catch(() => undefined);
  const timer = setInterval(() => void flushQuietly(), FAILURE_FLUSH_MS);
  timer.unref();
  return Object.assign(counter, {
    stop: async () => {
      clearInterval(timer);
      await flushQuietly();
    },
  });
}
