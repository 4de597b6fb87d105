import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApiRoutes } from '../../src/adapters/http/admin/admin-api.table.js';
import { adminOperations } from '../../src/application/admin/admin-operations.js';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { adminClient, adminSiteRoutes, postForm } from '../support/admin-flow.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { csrfTokenOf } from '../support/sso-flow.js';
import type { TestService } from '../support/test-service.js';
import { propertyRuns } from '../support/property-runs.js';
import { startWithAdminSession } from '../support/admin-session.js';

/** Text a careless or hostile client might send: unicode, escapes, control characters, numbers as text. */
const nastyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '%',
    '%E0%A4%A',
    '..',
    '../..',
    '\u0000',
    '2027-02-30',
    '-1',
    '1e309',
    'NaN',
    '(unknown)',
    '__proto__',
  ),
  fc.constantFrom(DEMO_API_KEY.apiKey, 'user1', 'admin', 'localhost:8000', 'GET /api/hello/', '2027-01-31', '60'),
);

/** A field's value as JSON may carry it: any JSON, or one of the tricky texts. */
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), nastyText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));

/** What a request carries: mostly the operation's own field names (so the checks past the first are reached), some strangers. */
function fieldsFor(names: readonly string[]) {
  return fc.dictionary(fc.oneof(fc.constantFrom(...names, 'extra'), fc.string({ maxLength: 8 })), anyValue, { maxKeys: 6 });
}

describe('fuzzing the admin', () => {
  let service: TestService;

  beforeAll(async () => ({ service } = await startWithAdminSession()));
  afterAll(() => service.close());

  describe('the admin API answers every input with a success or a clear 4xx, never a 500', () => {
    for (const [name, route] of Object.entries(adminApiRoutes)) {
      it(`${route.method} ${route.path}`, async () => {
        const schema = adminOperations[name as keyof typeof adminOperations].input;
        const names = Object.keys(schema.shape);
        const client = adminClient(service.baseUrl);
        await fc.assert(
          fc.asyncProperty(
            fieldsFor(names),
            fc.oneof(fc.constant(null), nastyText),
            fc.oneof(nastyText, fc.constantFrom(DEMO_API_KEY.apiKey, 'user2', 'localhost:8000')),
            async (fields, rawBody, parameter) => {
              const path = route.path.replace(/:(\w+)/g, () => encodeURIComponent(parameter));
              let response: Response;
              if (route.method === 'GET' || route.method === 'DELETE') {
                const query = new URLSearchParams();
                for (const [field, value] of Object.entries(fields))
                  query.append(field, typeof value === 'string' ? value : JSON.stringify(value));
                response = await client.request(route.method, `${path}?${query.toString()}`);
              } else {
                const body = rawBody ?? JSON.stringify(fields);
                response = await client.request(route.method, path, { body, headers: { 'Content-Type': 'application/json' } });
              }
              const text = await response.text();
              expect(response.status, `${route.method} ${path} ${text}`).toBeLessThan(500);
              if (response.status >= 400) expect(JSON.parse(text), text).toEqual({ error: expect.any(String) });
            },
          ),
          { numRuns: propertyRuns(40) },
        );
      });
    }
  });

  describe('the admin site answers every form with a page, a redirect or the page with errors, never a 500', () => {
    // The API's fuzz above may end or change the admin's own account (a reset of their factors, a new
    // password, a deactivation), so the site's forms get a service and an admin session of their own.
    let site: TestService;
    let siteJar: CookieJar;
    beforeAll(async () => ({ service: site, jar: siteJar } = await startWithAdminSession()));
    afterAll(() => site.close());

    const FIELDS = [
      'note',
      'username',
      'entryPoints',
      'expiresAt',
      'originalExpiry',
      'rateLimitPerMinute',
      'graceSeconds',
      'host',
      'password',
      'email',
      'firstName',
      'lastName',
      'isStaff',
      'isActive',
      'apiKey',
      'protocol',
      'method',
      'url',
      'body',
      'contentType',
    ];

    it('for every POST route', async () => {
      const posts = adminSiteRoutes(site.runtime.routers, {
        apiKey: DEMO_API_KEY.apiKey,
        host: 'localhost:8000',
        username: 'user2',
      })
        .filter((route) => route.method === 'POST')
        .map((route) => route.path);
      const _csrf = csrfTokenOf(await (await siteJar.fetch(`${site.baseUrl}/admin/keys/new`)).text());
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...posts),
          fc.dictionary(
            fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 6 })),
            fc.array(nastyText, { minLength: 1, maxLength: 3 }),
            {
              maxKeys: 8,
            },
          ),
          async (path, fields) => {
            const response = await postForm(siteJar, `${site.baseUrl}${path}`, { ...fields, _csrf });
            await response.text();
            expect(response.status, `${path} ${JSON.stringify(fields)}`).toBeLessThan(500);
            expect([200, 303, 400, 404, 409]).toContain(response.status);
          },
        ),
        { numRuns: propertyRuns(300) },
      );
    }, 90_000); // 300 forms, among them new signing keys and password hashes: over 20 s on a busy machine

    it('for every page, whatever its query says', async () => {
      const gets = adminSiteRoutes(site.runtime.routers, {
        apiKey: DEMO_API_KEY.apiKey,
        host: 'localhost:8000',
        username: 'user2',
      })
        .filter((route) => route.method === 'GET')
        .map((route) => route.path);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...gets),
          fc.dictionary(
            fc.constantFrom(
              'entryPoint',
              'notice',
              'actor',
              'action',
              'target',
              'via',
              'since',
              'until',
              'before',
              'apiKey',
              'reason',
              'removed',
              'limit',
            ),
            nastyText,
            { maxKeys: 5 },
          ),
          fc.oneof(nastyText, fc.constant('')),
          async (path, query, parameter) => {
            const target = parameter === '' ? path : path.replace(/\/[^/]+$/, `/${encodeURIComponent(parameter)}`);
            const response = await siteJar.fetch(`${site.baseUrl}${target}?${new URLSearchParams(query).toString()}`);
            await response.text();
            expect(response.status, `${target} ${JSON.stringify(query)}`).toBeLessThan(500);
          },
        ),
        { numRuns: propertyRuns(300) },
      );
    });
  });
});
