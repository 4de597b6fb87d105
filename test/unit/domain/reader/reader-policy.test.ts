import { describe, expect, it } from 'vitest';
import { DEMO_POLICY_JSON } from '../../../../src/application/reader/reader-demo.js';
import { decide, type PolicyQuestion } from '../../../../src/domain/reader/query-permissioning.js';
import { parseReaderPolicy, PolicyFormatError, type ReaderCommand } from '../../../../src/domain/reader/reader-policy.js';
import { ANONYMOUS_READER, type ReaderUser } from '../../../../src/domain/reader/reader-user.js';

const user = (overrides: Partial<ReaderUser> = {}): ReaderUser => ({
  ...ANONYMOUS_READER,
  username: 'user1',
  email: 'user1@example.com',
  ...overrides,
});
const ask = (who: ReaderUser, database: string, collection: string, command: ReaderCommand = 'find'): PolicyQuestion => ({
  user: who,
  namespace: { database, collection },
  command,
});

function problems(json: unknown): readonly string[] {
  try {
    parseReaderPolicy(json);
  } catch (error) {
    if (error instanceof PolicyFormatError) return error.problems;
    throw error;
  }
  throw new Error('the policy was accepted');
}

describe('the demo policy', () => {
  const policy = parseReaderPolicy(DEMO_POLICY_JSON);

  it('lets user1 and staff read the user_* collections of db1, and nothing else', () => {
    for (const command of ['find', 'count', 'status', 'export'] as const) {
      expect(decide(policy, ask(user(), 'db1', 'user_collection1', command)).allowed).toBe(true);
      expect(decide(policy, ask(user({ username: 'admin', isStaff: true }), 'db1', 'user_payroll', command)).allowed).toBe(true);
    }
    expect(decide(policy, ask(user(), 'db1', 'orders')).allowed).toBe(false);
    expect(decide(policy, ask(user(), 'db2', 'user_collection1')).allowed).toBe(false);
    expect(decide(policy, ask(user(), 'db1', 'xuser_collection1')).allowed).toBe(false);
  });

  it('lets user2 count but not find, and refuses everyone else', () => {
    const user2 = user({ username: 'user2' });
    expect(decide(policy, ask(user2, 'db1', 'user_collection1', 'count'))).toMatchObject({ allowed: true, rule: 2 });
    expect(decide(policy, ask(user2, 'db1', 'user_collection1', 'find'))).toMatchObject({
      allowed: false,
      rule: null,
      reason: 'no rule of the policy allows it',
    });
    expect(decide(policy, ask(user({ username: 'mallory' }), 'db1', 'user_collection1', 'count')).allowed).toBe(false);
    expect(decide(policy, ask(ANONYMOUS_READER, 'db1', 'user_collection1', 'count')).allowed).toBe(false);
  });
});

describe('a policy', () => {
  it('is decided by the first rule that matches, a deny included', () => {
    const policy = parseReaderPolicy({
      rules: [
        { collection: 'secrets', effect: 'deny', description: 'never' },
        { user: { staff: true }, effect: 'allow' },
      ],
    });
    const staff = user({ isStaff: true });
    expect(decide(policy, ask(staff, 'db1', 'secrets'))).toMatchObject({
      allowed: false,
      rule: 0,
      description: 'never',
      reason: 'a rule refuses it',
    });
    expect(decide(policy, ask(staff, 'db1', 'orders'))).toMatchObject({ allowed: true, rule: 1 });
  });

  it('never lets anyone read the server’s own databases or system collections, whatever the rules', () => {
    const policy = parseReaderPolicy({ rules: [{ effect: 'allow' }] });
    for (const [database, collection] of [
      ['admin', 'users'],
      ['local', 'oplog.rs'],
      ['config', 'system.sessions'],
      ['db1', 'system.views'],
    ] as const) {
      expect(decide(policy, ask(user(), database, collection)).allowed).toBe(false);
    }
  });

  it('matches users by name (one or several), staff, superuser, group and attribute, all that a rule names', () => {
    const policy = parseReaderPolicy({
      rules: [
        { user: { username: ['ann', 'bob'], group: 'analysts', attributes: { tenant: 'acme', level: 2 } }, effect: 'allow' },
      ],
    });
    const ann = user({ username: 'ann', groups: ['analysts'], attributes: { tenant: 'acme', level: 2 } });
    expect(decide(policy, ask(ann, 'd', 'c')).allowed).toBe(true);
    expect(decide(policy, ask({ ...ann, username: 'carl' }, 'd', 'c')).allowed).toBe(false);
    expect(decide(policy, ask({ ...ann, groups: [] }, 'd', 'c')).allowed).toBe(false);
    expect(decide(policy, ask({ ...ann, attributes: { tenant: 'acme', level: '2' } }, 'd', 'c')).allowed).toBe(false);
    expect(decide(policy, ask({ ...ann, attributes: { tenant: 'other', level: 2 } }, 'd', 'c')).allowed).toBe(false);
  });

  it('matches names with * and ? and nothing else special', () => {
    const policy = parseReaderPolicy({ rules: [{ database: 'shop_?', collection: 'order.*', effect: 'allow' }] });
    expect(decide(policy, ask(user(), 'shop_1', 'order.2024')).allowed).toBe(true);
    expect(decide(policy, ask(user(), 'shop_10', 'order.2024')).allowed).toBe(false);
    expect(decide(policy, ask(user(), 'shop_1', 'orderX2024')).allowed).toBe(false);
  });

  it('fills pins from the user, and refuses when the user lacks what a pin needs', () => {
    const policy = parseReaderPolicy({
      rules: [{ pin: { tenant: '$user.tenant', owner: '$user.username', deleted: false }, effect: 'allow' }],
    });
    const decision = decide(policy, ask(user({ attributes: { tenant: 'acme' } }), 'd', 'c'));
    expect(decision).toMatchObject({
      allowed: true,
      permit: {
        pin: [
          ['tenant', 'acme'],
          ['owner', 'user1'],
          ['deleted', false],
        ],
      },
    });
    expect(decide(policy, ask(user(), 'd', 'c'))).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('pins tenant to $user.tenant'),
    });
    expect(decide(policy, ask(user({ attributes: { tenant: { nested: 1 } } }), 'd', 'c')).allowed).toBe(false);
  });

  it('refuses collection statistics under a pin, which would describe documents outside it', () => {
    const policy = parseReaderPolicy({ rules: [{ pin: { tenant: 'acme' }, effect: 'allow' }] });
    expect(decide(policy, ask(user(), 'd', 'c', 'status'))).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('pins fields'),
    });
    expect(decide(policy, ask(user(), 'd', 'c', 'count')).allowed).toBe(true);
  });

  it('keeps only the outermost hidden fields, and the rule’s limit', () => {
    const policy = parseReaderPolicy({
      rules: [{ hiddenFields: ['salary', 'profile', 'profile.ssn', 'salary'], maxLimit: 20, effect: 'allow' }],
    });
    expect(decide(policy, ask(user(), 'd', 'c'))).toMatchObject({
      allowed: true,
      permit: { hiddenFields: ['salary', 'profile'], maxLimit: 20 },
    });
  });

  it('lists every problem of a malformed policy, each by its place', () => {
    expect(
      problems({
        rules: [
          { effect: 'maybe' },
          { effect: 'allow', colection: 'typo' },
          { effect: 'deny', pin: { a: 1 } },
          { effect: 'allow', commands: ['find', 'drop'], maxLimit: 0, hiddenFields: ['$where'], pin: { t: '$tenant' } },
          { effect: 'allow', pin: { secret: 'x' }, hiddenFields: ['secret'] },
        ],
      }),
    ).toEqual([
      expect.stringMatching(/^rules\.0\.effect: /),
      expect.stringMatching(/^rules\.1: .*colection/),
      expect.stringMatching(/^rules\.2: .*pin/),
      expect.stringMatching(/^rules\.3\.commands\.1: /),
      expect.stringMatching(/^rules\.3\.pin\.t: a string starting with \$ must be \$user\.<name>/),
      expect.stringMatching(/^rules\.3\.hiddenFields\.0: is not a field path/),
      expect.stringMatching(/^rules\.3\.maxLimit: /),
      'rules.4: a pinned field cannot also be hidden',
    ]);
    expect(problems({ rule: [] })).toEqual([expect.stringMatching(/^rules: /), expect.stringMatching(/^policy: .*rule/)]);
  });
});
