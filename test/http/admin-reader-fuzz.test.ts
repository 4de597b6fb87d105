import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, postForm } from '../support/admin-flow.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { csrfTokenOf } from '../support/sso-flow.js';
import type { TestService } from '../support/test-service.js';
import { propertyRuns } from '../support/property-runs.js';
import { startWithAdminSession } from '../support/admin-session.js';

/** The service's limit on a request target (path and query), answered with 414 beyond it. */
const REQUEST_TARGET_LIMIT = 8 * 1024;

/** Keys criteria are made of: operators that run code or read everything, Extended JSON wrappers, odd field names. */
const KEYS = [
  '$where',
  '$function',
  '$accumulator',
  '$expr',
  '$jsonSchema',
  '$text',
  '$regex',
  '$options',
  '$gt',
  '$in',
  '$and',
  '$or',
  '$nor',
  '$not',
  '$elemMatch',
  '$exists',
  '$oid',
  '$date',
  '$numberLong',
  '$numberDecimal',
  '$$ROOT',
  'name',
  'a.b',
  'a..b',
  '',
  '__proto__',
  'constructor',
];

/** Criteria as a careless or hostile person types them: nested operators, wrappers, arrays, any JSON. */
const criteriaValue = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    fc.constantFrom('$$ROOT', '$name', 'sleep(1000)', '0'.repeat(30)),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 3 }),
    fc.array(tie('value'), { maxLength: 3 }),
  ),
}));

/** Criteria text; `long` are lengths to try beyond the reader's bounds (a query string holds less than a form body). */
const criteriaText = (long: readonly number[]) =>
  fc.oneof(
    criteriaValue.value.map((value) => JSON.stringify(value)),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('', ' ', '{', '{"a": 1}}', '{"a": 1, "a": 2}', '{"$where": "1"}', '{"x": 1e999}', '['.repeat(100)),
    fc.constantFrom(...long).map((length) => `{"name": "${'x'.repeat(length)}"}`),
  );

const oddName = fc.oneof(
  fc.constantFrom('admin', 'system.users', 'd.b', '', ' ', '$cmd', 'a'.repeat(300), '\u0000', '<b>'),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

/** Mostly the demo's own names and users, so that the checks past the names are reached; often anything. */
const trialFields = (criteria: fc.Arbitrary<string>) =>
  fc.record(
    {
      username: fc.oneof(
        { arbitrary: fc.constantFrom('user1', 'user2', 'admin', ''), weight: 3 },
        fc.constantFrom('ghost', '__proto__'),
        fc.string({ maxLength: 10 }),
      ),
      database: fc.oneof({ arbitrary: fc.constant('db1'), weight: 3 }, oddName),
      collection: fc.oneof({ arbitrary: fc.constantFrom('user_collection1', 'user_x', 'orders'), weight: 3 }, oddName),
      command: fc.oneof(
        { arbitrary: fc.constantFrom('find', 'count', 'status', 'export'), weight: 3 },
        fc.constantFrom('', 'drop', 'FIND'),
        fc.string({ maxLength: 6 }),
      ),
      criteria,
    },
    { requiredKeys: ['database', 'collection'] },
  );

/** Every kind of answer a run saw, so that a run that never got past the form's own checks fails. */
function answersSeen() {
  const seen = new Set<string>();
  return {
    note: (status: number, allowed?: boolean) => seen.add(allowed === undefined ? String(status) : `${status} ${allowed}`),
    expectEveryKind: () => expect([...seen]).toEqual(expect.arrayContaining(['200 true', '200 false', '400', '404'])),
  };
}

describe('fuzzing the reader’s admin page and API', () => {
  let service: TestService;
  let jar: CookieJar;

  beforeAll(async () => ({ service, jar } = await startWithAdminSession()));
  afterAll(() => service.close());

  it('answers every "try as user" form with the answer or the form and its error, never a 500', async () => {
    const _csrf = csrfTokenOf(await (await jar.fetch(`${service.baseUrl}/admin/reader/`)).text());
    const answers = answersSeen();
    await fc.assert(
      fc.asyncProperty(
        trialFields(criteriaText([20_000, 70_000])),
        fc.dictionary(fc.string({ maxLength: 6 }), fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 2 }), {
          maxKeys: 2,
        }),
        async (fields, extra) => {
          const response = await postForm(jar, `${service.baseUrl}/admin/reader/`, { ...extra, ...fields, _csrf });
          const html = await response.text();
          const shown = `${JSON.stringify(fields).slice(0, 300)} ${response.status}`;
          // 413: a body over the forms' 64 KiB, refused before it is read.
          expect([200, 400, 404, 413], shown).toContain(response.status);
          if (response.status === 200) expect(html, shown).toContain('id="trial"');
          else if (response.status !== 413) expect(html, shown).toMatch(/<p class="error" role="alert">[^<]+<\/p>/);
          answers.note(response.status, response.status === 200 ? html.includes('>Allowed</h3>') : undefined);
        },
      ),
      { numRuns: propertyRuns(300, { checksWhatItMet: true }) },
    );
    answers.expectEveryKind();
  });

  it('answers every try through the admin API with the answer or a clear 4xx, never a 500', async () => {
    const client = adminClient(service.baseUrl);
    const answers = answersSeen();
    await fc.assert(
      fc.asyncProperty(trialFields(criteriaText([10_000])), async (fields) => {
        const target = `/admin/api/reader/try?${new URLSearchParams(fields).toString()}`;
        const response = await client.request('GET', target);
        const body: unknown = await response.json();
        const shown = `${JSON.stringify(fields).slice(0, 300)} ${response.status} ${JSON.stringify(body).slice(0, 300)}`;
        // 414 exactly when the target is over the service's 8 KiB limit, and only then.
        if (Buffer.byteLength(target) > REQUEST_TARGET_LIMIT) expect(response.status, shown).toBe(414);
        else expect([200, 400, 404], shown).toContain(response.status);
        if (response.status === 200) expect(body, shown).toHaveProperty('allowed');
        else expect(body, shown).toEqual({ error: expect.any(String) });
        answers.note(response.status, response.status === 200 ? Reflect.get(Object(body), 'allowed') === true : undefined);
      }),
      { numRuns: propertyRuns(300, { checksWhatItMet: true }) },
    );
    answers.expectEveryKind();
  });
});
