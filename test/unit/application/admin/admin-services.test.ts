import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryAuditLog } from '../../../../src/adapters/memory/memory-audit-log.js';
import { adminOperations, type AdminServices } from '../../../../src/application/admin/admin-operations.js';
import { adminServicesFor } from '../../../../src/application/admin/admin-services.js';
import { commandLineActor } from '../../../../src/domain/admin/actor.js';
import { testConfig } from '../../../support/test-config.js';
import { startRuntime, type Runtime } from '../../../../src/runtime.js';
import { asValue } from 'awilix';
import { FixedClock } from '../../../support/fixed-clock.js';

/**
 * The admin operations bound to an actor, on the container as the server builds it (memory adapters,
 * a fixed clock, no HTTP): every change is recorded once, and no read is.
 */
describe('the admin operations', () => {
  let runtime: Runtime;
  let log: MemoryAuditLog;
  let services: AdminServices;

  beforeEach(async () => {
    log = new MemoryAuditLog();
    runtime = await startRuntime(testConfig(), {
      overrides: { auditLog: asValue(log), clock: asValue(new FixedClock()) },
      logger: { info() {}, warn() {}, error() {} },
    });
    services = adminServicesFor(runtime.cradle, commandLineActor('root', 'build-host'), () => runtime.entryPoints);
    return () => runtime.close();
  });

  const entries = async () => (await log.list({}, { limit: 100 })).reverse();

  it('records each change once, as made by the actor, and never a secret', async () => {
    const created = await services.createKey.execute({ entryPoints: ['GET /api/hello/'], note: 'n' });
    const { apiKey } = created;
    await services.updateKey.execute({ apiKey, note: 'changed', expiresAt: '2027-01-31' });
    await services.allowEntryPoint.execute({ apiKey, entryPoint: 'POST /api/goodbye/' });
    await services.disableKey.execute({ apiKey });
    await services.enableKey.execute({ apiKey });
    const rotated = await services.rotateKey.execute({ apiKey, graceSeconds: 60 });
    await services.revokeKey.execute({ apiKey });
    await services.reloadEntryPoints.execute({});
    const host = await services.addSsoHost.execute({ host: 'wiki.example.com' });
    await services.removeSsoHost.execute({ host: 'wiki.example.com' });
    await services.createUser.execute({ username: 'carol', password: 'correct horse' });
    await services.setPassword.execute({ username: 'carol', password: 'battery staple' });
    await services.setUserFlags.execute({ username: 'carol', isStaff: true });

    const recorded = await entries();
    expect(recorded.map((entry) => [entry.action, entry.target])).toEqual([
      ['key.create', apiKey],
      ['key.update', apiKey],
      ['key.allow', apiKey],
      ['key.disable', apiKey],
      ['key.enable', apiKey],
      ['key.rotate', apiKey],
      ['key.revoke', apiKey],
      ['entrypoints.reload', 'entry points'],
      ['sso.add-host', 'wiki.example.com'],
      ['sso.remove', 'wiki.example.com'],
      ['user.create', 'carol'],
      ['user.set-password', 'carol'],
      ['user.set-flags', 'carol'],
    ]);
    expect(
      recorded.every((entry) => entry.via === 'command-line' && entry.actor === 'root' && entry.address === 'build-host'),
    ).toBe(true);
    expect(recorded[1]!.details).toEqual({ note: 'changed', expiresAt: '2027-01-31T00:00:00.000Z' });
    const text = JSON.stringify(recorded);
    for (const secret of [created.secretKey, rotated.secretKey, host.secretKey, 'correct horse', 'battery staple']) {
      expect(text).not.toContain(secret);
    }
  });

  it('records no read', async () => {
    await services.listKeys.execute({});
    await services.showKey.execute({ apiKey: '483a570a' });
    await services.listEntryPoints.execute({});
    await services.listSsoHosts.execute({});
    await services.listUsers.execute({});
    await services.listAudit.execute({});
    await services.listFailures.execute({});
    await services.showReaderPolicy.execute({});
    // A try of a reader query changes nothing and reads no document: it is not a change to record.
    await services.tryReaderQuery.execute({ username: 'user2', database: 'db1', collection: 'user_collection1' });
    expect(await entries()).toEqual([]);
  });

  it('records nothing for a refused change', async () => {
    await expect(services.revokeKey.execute({ apiKey: 'ffff' })).rejects.toThrow('no API key ffff');
    await expect(services.createKey.execute({ rateLimitPerMinute: 0 })).rejects.toThrow('rateLimitPerMinute: is at least 1');
    expect(await entries()).toEqual([]);
  });

  it('checks every input with its schema, naming the field, whatever door it came in by', async () => {
    await expect(services.createKey.executeUntyped({ note: 7 })).rejects.toThrow('note: is text');
    await expect(services.createKey.executeUntyped('nope')).rejects.toThrow('the input must be a JSON object');
    await expect(services.rotateKey.executeUntyped({})).rejects.toThrow('apiKey: is required');
    await expect(services.listAudit.executeUntyped({ limit: '0' })).rejects.toThrow('limit: is a whole number from 1 to 500');
    await expect(services.listFailures.executeUntyped({ since: 'yesterday' })).rejects.toThrow(/^since: is a date/);
  });

  it('has a schema for the input and the answer of every operation', () => {
    expect(Object.keys(services).sort()).toEqual(Object.keys(adminOperations).sort());
  });
});
