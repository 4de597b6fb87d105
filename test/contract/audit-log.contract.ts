import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/domain/admin/audit-entry.js';
import type { AuditLog } from '../../src/domain/admin/audit-log.port.js';
import { aFailureCount, anAuditEntry, anAuditEntryAt } from '../support/audit-mother.js';
import { attempt, type Mutable } from './mutation-attempt.js';

/** What a backend's test file hands the suite: a fresh, empty audit log. */
export interface AuditLogHarness {
  log: AuditLog;
  close(): Promise<void>;
}

/** The behaviour every AuditLog adapter must show; each test gets its own harness. */
export function auditLogContract(name: string, makeHarness: () => Promise<AuditLogHarness>): void {
  describe(`${name} honours the AuditLog contract`, () => {
    let harness: AuditLogHarness;
    let log: AuditLog;

    beforeEach(async () => {
      harness = await makeHarness();
      log = harness.log;
    });

    afterEach(async () => {
      await harness.close();
    });

    const ids = (entries: readonly AuditEntry[]) => entries.map((entry) => entry.id);

    describe('entries', () => {
      it('an empty log lists nothing', async () => {
        expect(await log.list({}, { limit: 10 })).toEqual([]);
      });

      it('an appended entry comes back with every field exactly as appended', async () => {
        const entry = anAuditEntry();
        await log.append(entry);
        expect(await log.list({}, { limit: 10 })).toStrictEqual([entry]);
      });

      it('an entry without address or details comes back so', async () => {
        const entry = anAuditEntry({ address: null, details: {}, via: 'command-line', actor: 'root' });
        await log.append(entry);
        expect(await log.list({}, { limit: 10 })).toStrictEqual([entry]);
      });

      it('lists the newest first, whatever order they were appended in', async () => {
        for (const minutes of [2, 0, 3, 1]) await log.append(anAuditEntryAt(minutes));
        expect(ids(await log.list({}, { limit: 10 }))).toEqual([3, 2, 1, 0].map((minutes) => anAuditEntryAt(minutes).id));
      });

      it('pages with a limit and the last id of the previous page', async () => {
        for (const minutes of [0, 1, 2, 3, 4]) await log.append(anAuditEntryAt(minutes));
        const first = await log.list({}, { limit: 2 });
        expect(ids(first)).toEqual([anAuditEntryAt(4).id, anAuditEntryAt(3).id]);
        const second = await log.list({}, { limit: 2, before: first[1]!.id });
        expect(ids(second)).toEqual([anAuditEntryAt(2).id, anAuditEntryAt(1).id]);
        const last = await log.list({}, { limit: 2, before: second[1]!.id });
        expect(ids(last)).toEqual([anAuditEntryAt(0).id]);
      });

      it('filters by actor, action, target and channel, each exactly', async () => {
        await log.append(anAuditEntryAt(0, { actor: 'admin', action: 'key.create', target: 'k1' }));
        await log.append(anAuditEntryAt(1, { actor: 'root', via: 'command-line', action: 'key.revoke', target: 'k1' }));
        await log.append(anAuditEntryAt(2, { actor: 'admin', action: 'user.create', target: 'carol' }));
        expect(ids(await log.list({ actor: 'admin' }, { limit: 10 }))).toEqual([anAuditEntryAt(2).id, anAuditEntryAt(0).id]);
        expect(ids(await log.list({ action: 'key.revoke' }, { limit: 10 }))).toEqual([anAuditEntryAt(1).id]);
        expect(ids(await log.list({ target: 'k1' }, { limit: 10 }))).toEqual([anAuditEntryAt(1).id, anAuditEntryAt(0).id]);
        expect(ids(await log.list({ via: 'command-line' }, { limit: 10 }))).toEqual([anAuditEntryAt(1).id]);
        expect(await log.list({ actor: 'Admin' }, { limit: 10 })).toEqual([]);
        expect(ids(await log.list({ actor: 'admin', target: 'k1' }, { limit: 10 }))).toEqual([anAuditEntryAt(0).id]);
      });

      it('filters by time: from `since` included to `until` excluded', async () => {
        for (const minutes of [0, 1, 2, 3]) await log.append(anAuditEntryAt(minutes));
        const since = anAuditEntryAt(1).at;
        const until = anAuditEntryAt(3).at;
        expect(ids(await log.list({ since, until }, { limit: 10 }))).toEqual([anAuditEntryAt(2).id, anAuditEntryAt(1).id]);
      });

      it('a filter with a limit gives the newest matching entries, skipping those that do not match', async () => {
        for (const minutes of [0, 1, 2, 3, 4]) {
          await log.append(anAuditEntryAt(minutes, { target: minutes % 2 === 0 ? 'even' : 'odd' }));
        }
        expect(ids(await log.list({ target: 'even' }, { limit: 2 }))).toEqual([anAuditEntryAt(4).id, anAuditEntryAt(2).id]);
      });

      it('changing an appended or a listed entry does not change the log', async () => {
        const entry = anAuditEntry();
        const appended: Mutable<AuditEntry> = { ...entry, details: { ...entry.details } };
        await log.append(appended);
        appended.target = 'changed';
        const [listed] = (await log.list({}, { limit: 1 })) as Mutable<AuditEntry>[];
        attempt(() => {
          listed!.actor = 'mallory';
        });
        attempt(() => {
          (listed!.details as Record<string, unknown>).username = 'mallory';
        });
        expect(await log.list({}, { limit: 1 })).toStrictEqual([entry]);
      });
    });

    describe('failure counts', () => {
      it('nothing is counted at first', async () => {
        expect(await log.listFailureCounts({})).toEqual([]);
      });

      it('adds counts of the same key, reason and day together, widening their times', async () => {
        await log.addFailureCounts([aFailureCount({ count: 3, firstAt: 1_000, lastAt: 2_000 })]);
        await log.addFailureCounts([aFailureCount({ count: 4, firstAt: 500, lastAt: 1_500 })]);
        expect(await log.listFailureCounts({})).toStrictEqual([aFailureCount({ count: 7, firstAt: 500, lastAt: 2_000 })]);
      });

      it('keeps other keys, reasons, days and unknown keys apart', async () => {
        const counts = [
          aFailureCount(),
          aFailureCount({ apiKey: null }),
          aFailureCount({ reason: 'api_auth.timestamp_rift' }),
          aFailureCount({ day: '2026-11-29' }),
          aFailureCount({ apiKey: 'other' }),
        ];
        await log.addFailureCounts(counts);
        const listed = await log.listFailureCounts({});
        expect(listed).toHaveLength(5);
        expect(listed).toEqual(expect.arrayContaining(counts));
      });

      it('adds up counts written at once by several instances', async () => {
        await Promise.all(Array.from({ length: 20 }, () => log.addFailureCounts([aFailureCount({ count: 1 })])));
        expect(await log.listFailureCounts({})).toMatchObject([{ count: 20 }]);
      });

      it('filters by key (null: unknown keys), reason and a range of days', async () => {
        await log.addFailureCounts([
          aFailureCount({ day: '2026-11-27' }),
          aFailureCount({ day: '2026-11-28' }),
          aFailureCount({ day: '2026-11-29', reason: 'api_auth.replayed_request' }),
          aFailureCount({ day: '2026-11-28', apiKey: null }),
        ]);
        expect(await log.listFailureCounts({ apiKey: null })).toStrictEqual([aFailureCount({ day: '2026-11-28', apiKey: null })]);
        expect(await log.listFailureCounts({ reason: 'api_auth.replayed_request' })).toHaveLength(1);
        const days = (await log.listFailureCounts({ apiKey: '483a570a', sinceDay: '2026-11-28', untilDay: '2026-11-29' }))
          .map((count) => count.day)
          .sort();
        expect(days).toEqual(['2026-11-28', '2026-11-29']);
      });

      it('adding no counts changes nothing', async () => {
        await log.addFailureCounts([]);
        expect(await log.listFailureCounts({})).toEqual([]);
      });
    });

    it('a ping resolves while the backend answers', async () => {
      await expect(log.ping()).resolves.toBeUndefined();
    });
  });
}
