import { asValue } from 'awilix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryDocumentSource } from '../../src/adapters/memory/memory-document-source.js';
import { parseReaderPolicy } from '../../src/domain/reader/reader-policy.js';
import { int32, type ReaderDocument } from '../../src/domain/reader/reader-value.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { startMongoWireFake, type MongoWireFake } from '../support/mongo-wire-fake/server.js';
import { loggedIn, readerPath, readJson } from '../support/reader-flow.js';
import { doc } from '../support/reader-values.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const PEOPLE = { database: 'db1', collection: 'people' };

const POLICY = parseReaderPolicy({
  rules: [
    {
      description: 'user1 reads people, contact details masked',
      user: { username: 'user1' },
      database: 'db1',
      collection: 'people',
      hiddenFields: ['secret'],
      mask: { email: 'email', phone: 'last4', 'address.email': 'email' },
      effect: 'allow',
    },
  ],
});

const DOCUMENTS: ReaderDocument[] = [
  doc({
    _id: int32(1),
    name: 'Ada',
    email: 'ada.lovelace@example.com',
    phone: '+44 20 7946 0958',
    secret: 's1',
    address: doc({ city: 'London', email: 'home.ada@example.org' }),
  }),
  doc({ _id: int32(2), name: 'Emile', email: '😀mile@exämple.fr', phone: '1234', secret: 's2' }),
  doc({ _id: int32(3), name: 'Nomail', email: 'no-at-sign', phone: 5551234, secret: 's3' }),
  doc({ _id: int32(4), name: 'Missing' }),
  doc({ _id: int32(5), name: 'Null', email: null, phone: '+1 555 010 9999' }),
];

/** What the masks make of each document, by _id: email, phone, address. */
const MASKED = {
  1: { email: 'a***@example.com', phone: '***0958', address: { city: 'London', email: 'h***@example.org' } },
  2: { email: '😀***@exämple.fr', phone: '***' },
  3: { email: '***', phone: '***' },
  4: {},
  5: { email: null, phone: '***9999' },
};

/** Parts of the values in clear that no answer may hold. */
const IN_CLEAR = ['lovelace', '7946', 'home.ada', 'mile@', '1234', 'no-at-sign', '5551234', '555 010'];

function maskingSuite(sourceName: string, start: () => Promise<TestService>, stop: () => Promise<void> = async () => {}) {
  describe(`masking on the ${sourceName} source`, () => {
    let service: TestService;
    let user1: CookieJar;

    beforeAll(async () => {
      service = await start();
      user1 = await loggedIn(service, 'user1', '123');
    });
    afterAll(async () => {
      await service.close();
      await stop();
    });

    const text = async (path: string) => {
      const response = await user1.fetch(`${service.baseUrl}${path}`);
      return { status: response.status, text: await response.text() };
    };
    const expectNothingInClear = (answer: string) => {
      for (const part of IN_CLEAR) expect(answer, `the answer holds ${part}`).not.toContain(part);
    };

    it('returns the email mask (first character and domain) and the last4 mask from _find, and nothing in clear', async () => {
      const { status, text: answer } = await text(readerPath('_find', { sort: '{"_id": 1}' }, 'db1', 'people'));
      expect(status).toBe(200);
      expectNothingInClear(answer);
      const results = (JSON.parse(answer) as { results: Record<string, unknown>[] }).results;
      expect(results.map(({ _id, email, phone, address }) => ({ _id, email, phone, address }))).toEqual(
        Object.entries(MASKED).map(([id, masked]) => ({
          _id: Number(id),
          email: undefined,
          phone: undefined,
          address: undefined,
          ...masked,
        })),
      );
      expect(results.every((result) => !('secret' in result))).toBe(true);
      expect('email' in (results[3] ?? {})).toBe(false);
    });

    it('applies the masks to a projection that asks for the masked fields, and to one around them', async () => {
      const { text: answer } = await text(
        readerPath('_find', { fields: '{"email": 1, "address": 1}', sort: '{"_id": 1}' }, 'db1', 'people'),
      );
      expectNothingInClear(answer);
      const [first] = (JSON.parse(answer) as { results: Record<string, unknown>[] }).results;
      expect(first).toEqual({ _id: 1, email: 'a***@example.com', address: { city: 'London', email: 'h***@example.org' } });
    });

    it('writes the masked values into the CSV export, and nothing in clear', async () => {
      const projection = '{"name": "Name", "email": "Email", "phone": "Phone", "address.email": "Home email"}';
      const { status, text: csv } = await text(readerPath('exportcsv/', { projection, sort: '{"_id": 1}' }, 'db1', 'people'));
      expect(status).toBe(200);
      expectNothingInClear(csv);
      expect(csv.split('\r\n').slice(0, 3)).toEqual([
        'Name,Email,Phone,Home email',
        'Ada,a***@example.com,***0958,h***@example.org',
        'Emile,😀***@exämple.fr,***,',
      ]);
    });

    it('shows the masked values in the field overview, as JSON and on the page, and nothing in clear', async () => {
      const overview = await text(readerPath('_overview', {}, 'db1', 'people'));
      expect(overview.status).toBe(200);
      expectNothingInClear(overview.text);
      expect(overview.text).toContain('a***@example.com');
      const page = await text('/mongo/?ns=db1.people');
      expect(page.status).toBe(200);
      expectNothingInClear(page.text);
      // The masked columns carry a badge, and are not offered for sorting.
      expect(page.text).toMatch(
        /<th scope="col" data-field="email" data-masked="email">email <span class="reader-badge"[^>]*>masked<\/span><\/th>/,
      );
      expect(page.text).toMatch(
        /<th scope="col" data-field="phone" data-masked="last4">phone <span class="reader-badge"[^>]*>masked<\/span><\/th>/,
      );
      expect(page.text).toContain('<th scope="col" data-field="name">name</th>');
    });

    it('refuses a filter or a sort on a masked field with the message a hidden field gets', async () => {
      const hidden = await readJson(user1, service, readerPath('_find', { criteria: '{"secret": "s1"}' }, 'db1', 'people'));
      expect(hidden.status).toBe(403);
      const sameFor = (field: string) => ({ ok: 0, error: String(hidden.body.error).replace('secret', field) });
      for (const [command, parameters, field] of [
        ['_find', { criteria: '{"email": "ada.lovelace@example.com"}' }, 'email'],
        ['_find', { criteria: '{"email": {"$regex": "^a"}}' }, 'email'],
        ['_count', { criteria: '{"phone": {"$gt": "+44"}}' }, 'phone'],
        ['_find', { sort: '{"phone": 1}' }, 'phone'],
        ['_find', { criteria: '{"address.email": {"$exists": true}}' }, 'address.email'],
        ['_find', { criteria: '{"address": {"city": "London"}}' }, 'address'],
        ['exportcsv/', { criteria: '{"email": "x"}', projection: '{"name": "Name"}' }, 'email'],
        ['_overview', { criteria: '{"phone": "1234"}' }, 'phone'],
      ] as const) {
        const refused = await readJson(user1, service, readerPath(command, parameters, 'db1', 'people'));
        expect({ command, parameters, status: refused.status, body: refused.body }).toEqual({
          command,
          parameters,
          status: 403,
          body: sameFor(field),
        });
      }
    });

    it('says in "try as user" which rule masks what, and refuses a filter on a masked field there too', async () => {
      const { tryReaderQuery } = service.runtime.cradle;
      const allowed = await tryReaderQuery.execute({
        username: 'user1',
        database: 'db1',
        collection: 'people',
        command: 'find',
        criteria: '{}',
      });
      expect(allowed.rules).toBe('rule 0 allows it; hides secret; masks email as email, phone as last4, address.email as email');
      expect(allowed.rule?.text).toContain('masks email as email, phone as last4, address.email as email');
      const filtered = await tryReaderQuery.execute({
        username: 'user1',
        database: 'db1',
        collection: 'people',
        command: 'find',
        criteria: '{"phone": "+44 20 7946 0958"}',
      });
      expect(filtered).toMatchObject({
        allowed: false,
        refusedBy: 'hidden fields',
        answer: 'permission disallowed: phone is or holds a hidden field',
      });
    });

    it('refuses criteria that could read any field, as where fields are hidden', async () => {
      const refused = await readJson(
        user1,
        service,
        readerPath('_find', { criteria: '{"$jsonSchema": {"required": ["name"]}}' }, 'db1', 'people'),
      );
      expect(refused.status).toBe(403);
    });
  });
}

const seededMemory = async () => {
  const source = new MemoryDocumentSource();
  await source.seedIfEmpty(PEOPLE, DOCUMENTS);
  return startTestService({
    overrides: { documentSource: asValue(source), documentSeeder: asValue(source), readerPolicy: asValue(POLICY) },
  });
};

let fake: MongoWireFake | undefined;
const seededMongo = async () => {
  fake = await startMongoWireFake();
  const service = await startTestService({
    config: testConfig({ READER_SOURCE: 'mongo', MONGO_URL: `${fake.url}/signet?serverSelectionTimeoutMS=2000` }),
    overrides: { readerPolicy: asValue(POLICY) },
  });
  await service.runtime.cradle.documentSeeder.seedIfEmpty(PEOPLE, DOCUMENTS);
  return service;
};

maskingSuite('memory', seededMemory);
maskingSuite('mongo', seededMongo, async () => fake?.stop());
