import type { Actor } from '../../domain/admin/actor.js';
import type { EntryPoint } from '../../domain/api-auth/entry-point.js';
import { normalizeSsoHost } from '../../domain/sso-provider/sso-host.js';
import {
  checkInput,
  type AdminOperation,
  type AdminOperationName,
  type AdminOutput,
  type AdminServices,
  type CheckedInput,
} from './admin-operations.js';
import type { AdminUseCases } from './admin-use-cases.js';
import type { AdminChange } from './record-admin-change.js';
import { oidcClientServicesFor } from './oidc-client-services.js';

export type { AdminUseCases } from './admin-use-cases.js';

/**
 * The admin operations acting as `actor`: each checks its input with the operation's schema (so
 * every door gives the same errors), runs the use cases, and records every change in the audit log,
 * here and nowhere else, so that no change can skip it. `discovered` gives the entry points the
 * routes declare, for a reload.
 */
export function adminServicesFor(useCases: AdminUseCases, actor: Actor, discovered: () => readonly EntryPoint[]): AdminServices {
  const record = (change: AdminChange) => useCases.recordAdminChange.execute(actor, change);
  const bindable = (username: string | null | undefined) => useCases.requireBindableUser.execute(username);

  return {
    createKey: operation('createKey', async (input) => {
      await bindable(input.username);
      const created = await useCases.createApiKey.execute(input);
      await record({
        action: 'key.create',
        target: created.apiKey,
        details: {
          username: input.username ?? null,
          entryPoints: input.entryPoints ?? [],
          note: input.note ?? '',
          expiresAt: isoOrNull(input.expiresAt),
          rateLimitPerMinute: input.rateLimitPerMinute ?? null,
        },
      });
      return created;
    }),
    listKeys: operation('listKeys', (input) => useCases.listApiKeys.execute(input)),
    showKey: operation('showKey', (input) => useCases.showApiKey.execute(input.apiKey)),
    updateKey: operation('updateKey', async ({ apiKey, ...settings }) => {
      await bindable(settings.username);
      const updated = await useCases.updateApiKey.execute(apiKey, settings);
      const { expiresAt, ...others } = settings;
      const details = definedOnly(others);
      if (expiresAt !== undefined) details.expiresAt = isoOrNull(expiresAt);
      await record({ action: 'key.update', target: apiKey, details });
      return updated;
    }),
    allowEntryPoint: operation('allowEntryPoint', async ({ apiKey, entryPoint }) => {
      const added = await useCases.allowEntryPoint.execute(apiKey, entryPoint);
      await record({ action: 'key.allow', target: apiKey, details: { entryPoint, added } });
      return { added };
    }),
    disableKey: operation('disableKey', async ({ apiKey }) => {
      const changed = await useCases.disableApiKey.execute(apiKey);
      await record({ action: 'key.disable', target: apiKey });
      return changed;
    }),
    enableKey: operation('enableKey', async ({ apiKey }) => {
      const changed = await useCases.enableApiKey.execute(apiKey);
      await record({ action: 'key.enable', target: apiKey });
      return changed;
    }),
    revokeKey: operation('revokeKey', async ({ apiKey }) => {
      const changed = await useCases.revokeApiKey.execute(apiKey);
      await record({ action: 'key.revoke', target: apiKey });
      return changed;
    }),
    rotateKey: operation('rotateKey', async ({ apiKey, graceSeconds }) => {
      const rotated = await useCases.rotateApiKey.execute(apiKey, { graceSeconds });
      await record({
        action: 'key.rotate',
        target: apiKey,
        details: { graceSeconds: graceSeconds ?? null, previousExpiresAt: isoOrNull(rotated.previousExpiresAt) },
      });
      return rotated;
    }),
    listEntryPoints: operation('listEntryPoints', () => useCases.listEntryPoints.execute()),
    reloadEntryPoints: operation('reloadEntryPoints', async () => {
      const changes = await useCases.reloadEntryPoints.execute(discovered());
      const named = (action: string) => changes.filter((change) => change.action === action).map((change) => change.name);
      await record({
        action: 'entrypoints.reload',
        target: 'entry points',
        details: { added: named('ADD'), removed: named('REMOVE') },
      });
      return changes;
    }),
    listSsoHosts: operation('listSsoHosts', (input) => useCases.listSsoHosts.execute(input)),
    addSsoHost: operation('addSsoHost', async (input) => {
      const added = await useCases.addSsoHost.execute(input);
      await record({ action: 'sso.add-host', target: added.host, details: { apiKey: added.apiKey, note: input.note ?? null } });
      return added;
    }),
    removeSsoHost: operation('removeSsoHost', async ({ host }) => {
      const revoked = await useCases.removeSsoHost.execute(host);
      const normalized = normalizeSsoHost(host) ?? host;
      await record({ action: 'sso.remove', target: normalized, details: { revoked } });
      return { host: normalized, revoked };
    }),
    listUsers: operation('listUsers', (input) => useCases.listUsers.execute(input)),
    createUser: operation('createUser', async (input) => {
      const created = await useCases.createUser.execute(input);
      await record({
        action: 'user.create',
        target: created.username,
        details: { email: created.email, isStaff: created.isStaff, isSuperuser: created.isSuperuser, isActive: created.isActive },
      });
      return created;
    }),
    setPassword: operation('setPassword', async ({ username, password }) => {
      const changed = await useCases.setUserPassword.execute(username, password);
      await record({ action: 'user.set-password', target: username });
      return changed;
    }),
    setUserFlags: operation('setUserFlags', async (flags) => {
      const changed = await useCases.setUserFlags.execute(flags, actor.username);
      const { username, ...set } = flags;
      await record({ action: 'user.set-flags', target: username, details: definedOnly(set) });
      return changed;
    }),
    resetUserFactors: operation('resetUserFactors', async ({ username }) => {
      const reset = await useCases.resetUserFactors.execute(username);
      await record({
        action: 'user.reset-factors',
        target: username,
        details: { factorsRemoved: reset.factorsRemoved, passkeysRemoved: reset.passkeysRemoved },
      });
      return reset;
    }),
    listAudit: operation('listAudit', ({ limit, before, ...filter }) =>
      useCases.listAuditEntries.execute(filter, { limit, before }),
    ),
    listFailures: operation('listFailures', (query) => useCases.listAuthFailures.execute(query)),
    showReaderPolicy: operation('showReaderPolicy', () => useCases.showReaderPolicy.execute()),
    // Not recorded: a try changes nothing and reads no document (see TryReaderQuery).
    tryReaderQuery: operation('tryReaderQuery', ({ username, ...query }) =>
      useCases.tryReaderQuery.execute({ username: username ?? null, ...query }),
    ),
    ...oidcClientServicesFor(useCases, record),
    listApps: operation('listApps', (query) => useCases.listApps.execute(query)),
    showApp: operation('showApp', ({ host }) => useCases.showApp.execute(host)),
  };
}

/** An operation that checks its input before running. */
function operation<Name extends AdminOperationName>(
  name: Name,
  run: (input: CheckedInput<Name>) => Promise<AdminOutput<Name>>,
): AdminOperation<Name> {
  // Async, so that a refused input rejects the promise like any other refusal rather than throwing at the call.
  const checked = async (input: unknown) => run(checkInput(name, input));
  return { execute: checked, executeUntyped: checked };
}

/** A time in the record: ISO 8601, readable wherever the record is read. */
function isoOrNull(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

/** The fields that were given, for the record of what an update set. */
function definedOnly(fields: object): Record<string, string | number | boolean | null | readonly string[]> {
  const given: Record<string, string | number | boolean | null | readonly string[]> = {};
  for (const [name, value] of Object.entries(fields) as [string, unknown][]) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
      given[name] = value;
    } else if (Array.isArray(value)) {
      given[name] = value.map(String);
    }
  }
  return given;
}
