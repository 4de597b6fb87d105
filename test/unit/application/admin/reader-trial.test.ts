import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShowReaderPolicy } from '../../../../src/application/admin/show-reader-policy.js';
import type { ReaderTrialInput } from '../../../../src/application/admin/reader-trial.js';
import { TryReaderQuery } from '../../../../src/application/admin/try-reader-query.js';
import { DEMO_NAMESPACE, DEMO_POLICY_JSON } from '../../../../src/application/reader/reader-demo.js';
import type { ReaderCaller } from '../../../../src/application/reader/reader-caller.js';
import type { QueryPermissionHook } from '../../../../src/domain/reader/query-permission-hook.port.js';
import { ReaderError } from '../../../../src/domain/reader/reader.errors.js';
import { DEFAULT_READER_LIMITS } from '../../../../src/domain/reader/reader-limits.js';
import { parseReaderPolicy, type ReaderCommand } from '../../../../src/domain/reader/reader-policy.js';
import type { RawReaderRequest } from '../../../../src/domain/reader/reader-request.js';
import { RICH_POLICY } from '../../../support/reader-policy-mother.js';
import { readerUseCases } from '../../../support/reader-use-cases.js';
import { propertyRuns } from '../../../support/property-runs.js';

async function trials(options: { policy?: unknown; hook?: QueryPermissionHook } = {}) {
  const reader = await readerUseCases(options);
  const readerPolicy = parseReaderPolicy(options.policy ?? DEMO_POLICY_JSON);
  const config = { reader: { limits: DEFAULT_READER_LIMITS } };
  const readerPolicySource = {
    origin: 'file' as const,
    file: '/etc/signet/policy.json',
    module: options.hook ? './check.mjs' : null,
  };
  const deps = { ...reader, readerPolicy, readerPolicySource, config };
  const tryQuery = new TryReaderQuery(deps);
  return {
    ...reader,
    showReaderPolicy: new ShowReaderPolicy(deps),
    trial: (input: Partial<ReaderTrialInput>) =>
      tryQuery.execute({ username: 'user1', ...DEMO_NAMESPACE, command: 'find', criteria: '', ...input }),
  };
}

describe('trying a query as a user', () => {
  it('says which rule of the demo policy allows user1 to find, and the criteria as run', async () => {
    const { trial } = await trials();
    expect(await trial({ criteria: '{"disable": true}' })).toEqual({
      username: 'user1',
      asNobody: false,
      ...DEMO_NAMESPACE,
      command: 'find',
      criteria: '{"disable":true}',
      allowed: true,
      answer: 'allowed',
      refusedBy: null,
      rule: {
        index: 0,
        description: 'user1 reads the user collections',
        text: 'allow every command on db1.user_* for username user1',
      },
      rules: 'rule 0 allows it',
      module: { state: 'none', answer: null },
      query: '{"disable":true}',
    });
  });

  it('lets user2 count but not find: no rule matches a find', async () => {
    const { trial } = await trials();
    expect(await trial({ username: 'user2', command: 'count' })).toMatchObject({ allowed: true, rule: { index: 2 } });
    expect(await trial({ username: 'user2' })).toMatchObject({
      allowed: false,
      answer: 'permission disallowed',
      refusedBy: 'rules',
      rule: null,
      rules: 'no rule matches: refused',
      query: null,
    });
  });

  it('names a refused operator as the reader does, before the rules, and still says what the rules decide', async () => {
    const { trial } = await trials();
    expect(await trial({ criteria: '{"$where": "sleep(1000)"}' })).toMatchObject({
      allowed: false,
      answer: 'operator not allowed: $where',
      refusedBy: 'request',
      criteria: null,
      rules: 'rule 0 allows it',
    });
    expect(await trial({ criteria: '{"name": ' })).toMatchObject({
      refusedBy: 'request',
      answer: expect.stringMatching(/^criteria/),
    });
  });

  it('refuses a collection outside the policy, a bad name, and the server’s own databases', async () => {
    const { trial } = await trials();
    expect(await trial({ collection: 'orders' })).toMatchObject({ allowed: false, rules: 'no rule matches: refused' });
    expect(await trial({ database: 'd.b' })).toMatchObject({
      refusedBy: 'request',
      answer: expect.stringMatching(/^bad database name: "d\.b"/),
      rules: null,
    });
    expect(await trial({ database: 'admin', collection: 'system.users' })).toMatchObject({
      refusedBy: 'rules',
      rules: 'refused before any rule: the server’s own databases and system collections are never readable',
    });
  });

  it('tries as an API key bound to no user, and takes an inactive user for nobody, as the reader does', async () => {
    const { trial } = await trials({ policy: { rules: [{ database: 'db1', effect: 'allow' }] } });
    expect(await trial({ username: null })).toMatchObject({ username: null, asNobody: true, allowed: true });
    expect(await trial({ username: 'gone' })).toMatchObject({ username: 'gone', asNobody: true, allowed: true });
    const { trial: demoTrial } = await trials();
    expect(await demoTrial({ username: 'gone' })).toMatchObject({ asNobody: true, allowed: false });
  });

  it('refuses to try as a user who does not exist', async () => {
    const { trial } = await trials();
    await expect(trial({ username: 'ghost' })).rejects.toThrow('no user named "ghost"');
  });

  it('reads no criteria for a status, as _status does', async () => {
    const { trial } = await trials();
    expect(await trial({ command: 'status', criteria: '{"$where": "1"}' })).toMatchObject({
      allowed: true,
      criteria: null,
      query: null,
    });
  });

  describe('with every kind of rule', () => {
    it('says a deny rule denies, with its text', async () => {
      const { trial } = await trials({ policy: RICH_POLICY });
      expect(await trial({ username: 'admin', collection: 'payroll' })).toMatchObject({
        allowed: false,
        refusedBy: 'rules',
        rule: {
          index: 0,
          description: 'no one reads the salaries',
          text: 'deny every command on *.payroll for anyone (an API key bound to no user too)',
        },
        rules: 'rule 0 denies it',
      });
    });

    it('fills a pin in with the user’s value and shows the criteria the source would run', async () => {
      const { trial } = await trials({ policy: RICH_POLICY });
      expect(await trial({ collection: 'people', criteria: '{"age": {"$gt": 30}}' })).toMatchObject({
        allowed: true,
        rules: 'rule 1 allows it; pins department to "Research"',
        query: '{"$and":[{"age":{"$gt":30}},{"department":"Research"}]}',
      });
      expect(await trial({ collection: 'people', command: 'status' })).toMatchObject({
        allowed: false,
        refusedBy: 'rules',
        rules:
          'rule 1 matches, and refuses it: the rule pins fields, and collection statistics would describe documents outside the pin',
      });
      expect(await trial({ username: 'user2', collection: 'badges' })).toMatchObject({
        allowed: false,
        rules: 'rule 2 matches, and refuses it: the rule pins team to $user.team, which this user does not have',
      });
    });

    it('refuses criteria on a hidden field, as the find would', async () => {
      const { trial } = await trials({ policy: RICH_POLICY });
      expect(await trial({ criteria: '{"lastlogin": {"$gt": {"$date": "2025-01-01T00:00:00Z"}}}' })).toMatchObject({
        allowed: false,
        refusedBy: 'hidden fields',
        answer: 'permission disallowed: lastlogin is or holds a hidden field',
        rules: 'rule 3 allows it; hides lastlogin; at most 20 documents a query',
      });
    });
  });

  describe('with the installation’s module', () => {
    it('gives its answer after the rules allowed, and is not asked when they refuse', async () => {
      const asked: string[] = [];
      const hook: QueryPermissionHook = {
        check: async (user, question) => {
          asked.push(`${user.username ?? '-'} ${question.command} ${JSON.stringify(question.criteria)}`);
          return question.command === 'count' ? 'counting is closed today' : true;
        },
      };
      const { trial } = await trials({ hook });
      expect(await trial({ criteria: '{"gender": 1}' })).toMatchObject({
        allowed: true,
        module: { state: 'allows', answer: null },
      });
      expect(await trial({ command: 'count' })).toMatchObject({
        allowed: false,
        refusedBy: 'module',
        answer: 'permission disallowed: counting is closed today',
        module: { state: 'refuses', answer: 'permission disallowed: counting is closed today' },
        rules: 'rule 0 allows it',
      });
      expect(await trial({ username: 'user2' })).toMatchObject({ refusedBy: 'rules', module: { state: 'not asked' } });
      expect(await trial({ criteria: '{"$function": {}}' })).toMatchObject({
        refusedBy: 'request',
        module: { state: 'not asked' },
      });
      expect(asked).toEqual(['user1 find {"gender":1}', 'user1 count {}']);
    });

    it('refuses, as the reader does, when the module fails', async () => {
      const { trial, logger } = await trials({ hook: { check: () => Promise.reject(new Error('boom')) } });
      expect(await trial({})).toMatchObject({
        allowed: false,
        refusedBy: 'module',
        answer: 'permission disallowed: the installation’s permission check failed',
      });
      expect(logger.lines.map((line) => line.message)).toContain('the reader policy module failed; the query is refused');
    });
  });
});

describe('showing the policy in force', () => {
  it('gives where it came from, each rule in order with a sentence, the module and the limits', async () => {
    const { showReaderPolicy } = await trials({ policy: RICH_POLICY, hook: { check: async () => true } });
    const shown = await showReaderPolicy.execute();
    expect(shown).toMatchObject({
      origin: 'file',
      file: '/etc/signet/policy.json',
      module: './check.mjs',
      limits: DEFAULT_READER_LIMITS,
    });
    expect(shown.rules.map((rule) => rule.text)).toEqual([
      'deny every command on *.payroll for anyone (an API key bound to no user too)',
      'allow find, count, status on db1.people for department = "Research"; pins department to "$user.department"',
      'allow every command on db1.badges for username user2; pins team to "$user.team"',
      'allow every command on db1.user_* for username user1 or admin and not staff; hides lastlogin; at most 20 documents a query',
      'allow every command on db?.* for staff',
    ]);
    expect(shown.rules[3]).toEqual({
      index: 3,
      description: 'user1 reads the user collections, not the logins',
      effect: 'allow',
      who: 'username user1 or admin and not staff',
      database: 'db1',
      collection: 'user_*',
      commands: ['find', 'count', 'status', 'export'],
      pin: {},
      hiddenFields: ['lastlogin'],
      maxLimit: 20,
      text: expect.any(String),
    });
    expect(shown.rules[0]).toMatchObject({ description: 'no one reads the salaries', pin: {}, hiddenFields: [], maxLimit: null });
  });
});

/** What the reader's own use case answers: allowed, or the refusal's message. */
async function readerAnswer(
  reader: Awaited<ReturnType<typeof trials>>,
  caller: ReaderCaller,
  command: ReaderCommand,
  raw: RawReaderRequest,
): Promise<string> {
  const run = {
    find: () => reader.findDocuments.execute(caller, raw),
    count: () => reader.countDocuments.execute(caller, raw),
    status: () => reader.showCollectionStatus.execute(caller, raw),
    export: () => reader.exportDocuments.execute(caller, raw),
  }[command];
  try {
    await run();
    return 'allowed';
  } catch (error) {
    // The source's own refusal comes after every check a try makes: the checks let the query through.
    if (error instanceof ReaderError && error.code === 'reader.bad_query') return 'allowed';
    if (error instanceof ReaderError) return error.message;
    throw error;
  }
}

describe('a try and the reader', () => {
  const hook: QueryPermissionHook = {
    check: async (_, question) => (JSON.stringify(question.criteria).includes('veto') ? 'vetoed' : true),
  };
  const USERS = ['user1', 'user2', 'admin', 'gone', null] as const;
  const NAMESPACES = [
    ['db1', 'user_collection1'],
    ['db1', 'people'],
    ['db1', 'payroll'],
    ['db1', 'badges'],
    ['db2', 'anything'],
    ['dbx', 'x'],
    ['admin', 'x'],
    ['db1', 'system.js'],
    ['d.b', 'x'],
    ['db1', ''],
  ] as const;
  const COMMANDS = ['find', 'count', 'status', 'export'] as const;
  const CRITERIA = [
    '',
    '{}',
    '{"gender": 1}',
    '{"veto": true}',
    '{"$where": "1"}',
    '{"lastlogin": {"$exists": true}}',
    '{"$expr": {"$eq": ["$$ROOT", 1]}}',
    '{"name": {"$regex": "^A"}}',
    '{"age": {"$bad": 1}}',
    '{"_id": {"$oid": "not hex"}}',
    '{',
    '[]',
  ];

  /** The try's answer, and the reader's own, for one query. */
  async function bothAnswers(
    reader: Awaited<ReturnType<typeof trials>>,
    username: string | null,
    [database, collection]: readonly [string, string],
    command: ReaderCommand,
    criteria: string,
  ) {
    const trial = await reader.trial({ username, database, collection, command, criteria });
    const raw = { database, collection, parameters: { criteria, projection: '{"name": "Name"}' } };
    return {
      tried: trial.allowed ? 'allowed' : trial.answer,
      ran: await readerAnswer(reader, { username, via: 'session' }, command, raw),
    };
  }

  it('agree on every query of users, names, commands and criteria chosen to reach each check', async () => {
    const reader = await trials({ policy: RICH_POLICY, hook });
    const seen = new Set<string>();
    for (const username of USERS) {
      for (const namespace of NAMESPACES) {
        for (const command of COMMANDS) {
          for (const criteria of CRITERIA) {
            const { tried, ran } = await bothAnswers(reader, username, namespace, command, criteria);
            expect(tried, `${username} ${namespace.join('.')} ${command} ${criteria}`).toBe(ran);
            seen.add(ran);
          }
        }
      }
    }
    // Each check was reached, so that each was compared: the names, the criteria, the rules, the module, the hidden fields.
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'allowed',
        expect.stringMatching(/^bad database name/),
        expect.stringMatching(/^bad collection name/),
        expect.stringMatching(/^criteria is not valid JSON/),
        'operator not allowed: $where',
        'unknown operator: $bad',
        'permission disallowed',
        'permission disallowed: vetoed',
        'permission disallowed: lastlogin is or holds a hidden field',
        expect.stringMatching(/^permission disallowed: fields are hidden here/),
      ]),
    );
  });

  it('agree on any JSON as criteria', async () => {
    const reader = await trials({ policy: RICH_POLICY, hook });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...USERS),
        fc.constantFrom(...NAMESPACES),
        fc.constantFrom(...COMMANDS),
        fc.json({ maxDepth: 3 }),
        async (username, namespace, command, criteria) => {
          const { tried, ran } = await bothAnswers(reader, username, namespace, command, criteria);
          expect(tried).toBe(ran);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});
