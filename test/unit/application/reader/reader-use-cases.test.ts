import { describe, expect, it } from 'vitest';
import type { ReaderCaller } from '../../../../src/application/reader/reader-caller.js';
import { DEMO_NAMESPACE } from '../../../../src/application/reader/reader-demo.js';
import type { RawReaderRequest } from '../../../../src/domain/reader/reader-request.js';
import { fieldOf, type ReaderDocument } from '../../../../src/domain/reader/reader-value.js';
import { relaxedText } from '../../../../src/domain/reader/relaxed-json.js';
import { doc } from '../../../support/reader-values.js';
import { readerUseCases } from '../../../support/reader-use-cases.js';

const user1: ReaderCaller = { username: 'user1', via: 'session' };
const user2: ReaderCaller = { username: 'user2', via: 'signature' };
const demo = (parameters: RawReaderRequest['parameters'] = {}): RawReaderRequest => ({ ...DEMO_NAMESPACE, parameters });
const names = (documents: readonly ReaderDocument[]) => documents.map((document) => fieldOf(document, 'name'));

async function rejection(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => {
      throw new Error('accepted');
    },
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

describe('the reader’s use cases', () => {
  it('find the page a sort, a skip and a limit ask for', async () => {
    const reader = await readerUseCases();
    const all = await reader.findDocuments.execute(user1, demo({ sort: '{"name": -1}', limit: '100' }));
    const page = await reader.findDocuments.execute(user1, demo({ sort: '{"name": -1}', skip: '10', limit: '10' }));
    expect(names(page.result)).toEqual(names(all.result).slice(10, 20));
    expect(names(all.result)).toEqual([...names(all.result)].sort().reverse());
  });

  it('count as the criteria say, and report the collection’s statistics', async () => {
    const reader = await readerUseCases();
    const disabled = await reader.countDocuments.execute(user1, demo({ criteria: '{"disable": true}' }));
    const all = await reader.findDocuments.execute(user1, demo({ limit: '0' }));
    expect(disabled.result).toBe(all.result.filter((document) => fieldOf(document, 'disable') === true).length);
    const status = await reader.showCollectionStatus.execute(user1, demo());
    expect(status.result).toMatchObject({ ns: 'db1.user_collection1', count: 100, nindexes: 1 });
  });

  it('let user2 count and not find, and refuse a collection outside the policy', async () => {
    const reader = await readerUseCases();
    expect((await reader.countDocuments.execute(user2, demo())).result).toBe(100);
    expect(await rejection(reader.findDocuments.execute(user2, demo()))).toBe('permission disallowed');
    expect(await rejection(reader.findDocuments.execute(user1, { database: 'db1', collection: 'orders', parameters: {} }))).toBe(
      'permission disallowed',
    );
    expect(await rejection(reader.findDocuments.execute({ username: 'gone', via: 'session' }, demo()))).toBe(
      'permission disallowed',
    );
    expect(await rejection(reader.findDocuments.execute({ username: null, via: 'signature' }, demo()))).toBe(
      'permission disallowed',
    );
  });

  it('check the request before the policy is asked: bad input is a 400 whoever asks', async () => {
    const reader = await readerUseCases();
    expect(await rejection(reader.findDocuments.execute(user2, demo({ criteria: '{"$where": "1"}' })))).toBe(
      'operator not allowed: $where',
    );
  });

  it('apply a rule’s pin, hidden fields and cap', async () => {
    const reader = await readerUseCases({
      policy: {
        rules: [{ user: { username: 'user1' }, pin: { gender: 1 }, hiddenFields: ['lastlogin'], maxLimit: 5, effect: 'allow' }],
      },
    });
    const found = await reader.findDocuments.execute(
      user1,
      demo({ criteria: '{"$or": [{"gender": 0}, {"gender": 1}]}', limit: '50' }),
    );
    expect(found.result).toHaveLength(5);
    for (const document of found.result) {
      expect(relaxedText(fieldOf(document, 'gender') ?? null)).toBe('1');
      expect(fieldOf(document, 'lastlogin')).toBeUndefined();
    }
    expect(await rejection(reader.findDocuments.execute(user1, demo({ sort: '{"lastlogin": 1}' })))).toBe(
      'permission disallowed: lastlogin is or holds a hidden field',
    );
    const overview = await reader.summarizeFields.execute(user1, demo());
    expect(overview.result.sampled).toBe(5);
    expect(overview.result.fields.map((field) => field.path)).not.toContain('lastlogin');
  });

  it('export the columns asked for, one document at a time, without hidden fields', async () => {
    const reader = await readerUseCases();
    const exported = await reader.exportDocuments.execute(user1, demo({ projection: '{"name": "Name"}', sort: '{"name": 1}' }));
    const rows: ReaderDocument[] = [];
    for await (const document of exported.documents) rows.push(document);
    expect(exported.columns).toEqual([{ path: 'name', title: 'Name' }]);
    expect(rows).toHaveLength(100);
    expect(rows[0]?.entries.map(([key]) => key)).toEqual(['name']);
  });

  it('list what a caller may read, and explain which rule decides', async () => {
    const reader = await readerUseCases();
    await reader.documentSource.seedIfEmpty({ database: 'db1', collection: 'orders' }, [doc({ _id: 1 })]);
    await reader.documentSource.seedIfEmpty({ database: 'db2', collection: 'user_x' }, [doc({ _id: 1 })]);
    expect(await reader.listReadableCollections.execute(user1)).toEqual([DEMO_NAMESPACE]);
    expect(await reader.listReadableCollections.execute(user2)).toEqual([]);
    expect(await reader.listReadableCollections.execute(user2, 'count')).toEqual([DEMO_NAMESPACE]);
    expect(await reader.explainReaderDecision.execute(user2, { ...DEMO_NAMESPACE, command: 'count' })).toMatchObject({
      allowed: true,
      rule: 2,
      description: 'user2 may count them, not read them',
    });
    expect(await reader.explainReaderDecision.execute(user2, { ...DEMO_NAMESPACE, command: undefined })).toMatchObject({
      allowed: false,
      rule: null,
      reason: 'no rule of the policy allows it',
    });
    expect(await rejection(reader.explainReaderDecision.execute(user2, { ...DEMO_NAMESPACE, command: 'drop' }))).toContain(
      'command must be one of',
    );
  });

  describe('with the installation’s hook', () => {
    it('asks it after the rules allowed, with the caller’s criteria, and lets it refuse with its reason', async () => {
      const asked: unknown[] = [];
      const reader = await readerUseCases({
        hook: {
          check: async (user, question) => {
            asked.push({ user: user.username, ...question });
            return question.command === 'count' ? 'counting is closed today' : true;
          },
        },
      });
      await reader.findDocuments.execute(user1, demo({ criteria: '{"gender": 1}' }));
      expect(asked).toEqual([
        { user: 'user1', database: 'db1', collection: 'user_collection1', command: 'find', criteria: { gender: 1 } },
      ]);
      expect(await rejection(reader.countDocuments.execute(user1, demo()))).toBe(
        'permission disallowed: counting is closed today',
      );
      expect(await rejection(reader.findDocuments.execute(user2, demo()))).toBe('permission disallowed');
      expect(asked).toHaveLength(2);
    });

    it('refuses, and logs, when the hook fails: a broken check lets nothing through', async () => {
      const reader = await readerUseCases({
        hook: {
          check: async () => {
            throw new Error('database of permissions is down');
          },
        },
      });
      expect(await rejection(reader.findDocuments.execute(user1, demo()))).toBe(
        'permission disallowed: the installation’s permission check failed',
      );
      expect(reader.logger.lines).toEqual([
        expect.objectContaining({ level: 'error', fields: { reason: 'Error: database of permissions is down' } }),
      ]);
      expect(await reader.listReadableCollections.execute(user1)).toEqual([]);
    });
  });
});
