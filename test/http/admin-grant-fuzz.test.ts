import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApiRoutes } from '../../src/adapters/http/admin/admin-api.table.js';
import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import { adminCall, adminClient } from '../support/admin-flow.js';
import { FixedClock } from '../support/fixed-clock.js';
import { propertyRuns } from '../support/property-runs.js';
import { startTestService, type TestService } from '../support/test-service.js';

/** What a key is, as a superuser lists it: what a change to it would show. */
interface KeyView {
  apiKey: string;
  entryPoints: string[];
  state: string;
  note: string;
  username: string | null;
  activeSecretKeys: number;
  expiresAt: number | null;
  rateLimitPerMinute: number | null;
}

const KEYS_PER_RUN = 4;

describe('fuzzing the grant check: random partial admin keys try every admin call on every other key', () => {
  let service: TestService;
  let clock: FixedClock;
  let admin: SignetClient;
  let adminEntryPoints: string[];
  let everyEntryPoint: string[];

  beforeAll(async () => {
    clock = new FixedClock();
    service = await startTestService({ clock });
    admin = adminClient(service.baseUrl, DEMO_ADMIN_KEY, clock);
    const listed = (await adminCall(admin, 'GET', '/admin/api/entry-points')).body as { name: string; path: string }[];
    everyEntryPoint = listed.map((entry) => entry.name);
    adminEntryPoints = listed.filter((entry) => entry.path.startsWith('/admin/api/')).map((entry) => entry.name);
  });
  afterAll(() => service.close());

  async function keysNow(): Promise<Map<string, KeyView>> {
    // Every key fits on one page: the fuzz makes a few dozen at most.
    const listed = (await adminCall(admin, 'GET', '/admin/api/keys?limit=500')).body as { items: KeyView[]; next: string | null };
    expect(listed.next).toBeNull();
    return new Map(listed.items.map((key) => [key.apiKey, key]));
  }

  /** Whether anything a caller could change of the key changed (a use, which any call makes, is no change). */
  function changed(before: KeyView | undefined, after: KeyView): boolean {
    const fields = (key: KeyView | undefined) =>
      key === undefined
        ? null
        : [key.entryPoints, key.state, key.note, key.username, key.activeSecretKeys, key.expiresAt, key.rateLimitPerMinute];
    return JSON.stringify(fields(before)) !== JSON.stringify(fields(after));
  }

  /** The input of each admin call on a target key, with what varies drawn at random. */
  function inputFor(name: string, pick: { entryPoints: string[]; one: string; note: string }, holds: Set<string>): unknown {
    switch (name) {
      case 'createKey':
        // Half the time within what the caller holds, so that allowed creates (and their SEC keys) are tried too.
        return {
          entryPoints:
            pick.note.length % 2 === 0 ? pick.entryPoints.filter((entryPoint) => holds.has(entryPoint)) : pick.entryPoints,
          note: pick.note,
        };
      case 'updateKey':
        return pick.note.length % 2 === 0 ? { entryPoints: pick.entryPoints } : { note: pick.note };
      case 'allowEntryPoint':
        return { entryPoint: pick.one };
      case 'rotateKey':
        return { graceSeconds: 60 };
      case 'addSsoHost':
        return { host: `${pick.note.length}.fuzz.example` };
      case 'createUser':
        return { username: `fuzz${pick.note.length}`, password: 'fuzz-password-1', isStaff: pick.note.length % 3 === 0 };
      case 'setPassword':
        return { password: 'fuzz-password-2' };
      case 'setUserFlags':
        return { isStaff: true };
      default:
        return {};
    }
  }

  it('no call leaves a key holding an entry point its caller lacks, nor answers the SEC key of a key it could not manage', async () => {
    const secretsSeen: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        // The first caller may always create keys: a run where no call may answer a SEC key would prove nothing.
        fc
          .array(fc.subarray(adminEntryPoints, { minLength: 1 }), { minLength: KEYS_PER_RUN, maxLength: KEYS_PER_RUN })
          .map(([first = [], ...others]) => [[...new Set([...first, 'POST /admin/api/keys'])], ...others]),
        fc.infiniteStream(
          fc.record({
            entryPoints: fc.subarray(everyEntryPoint),
            one: fc.constantFrom(...everyEntryPoint),
            note: fc.string({ maxLength: 12 }),
          }),
        ),
        async (subsets, picks) => {
          const callers: { apiKey: string; holds: Set<string>; client: SignetClient }[] = [];
          for (const entryPoints of subsets) {
            const created = await adminCall(admin, 'POST', '/admin/api/keys', { entryPoints, note: 'fuzz caller' });
            expect(created.status).toBe(201);
            const { apiKey, secretKey } = created.body as { apiKey: string; secretKey: string };
            const client = new SignetClient({
              baseUrl: service.baseUrl,
              apiKey,
              secretKey,
              protocol: 'v2',
              now: () => clock.now(),
            });
            callers.push({ apiKey, holds: new Set(entryPoints), client });
          }
          const targets = [...callers.map((caller) => caller.apiKey), DEMO_ADMIN_KEY.apiKey, '483a570a'];
          for (const caller of callers) {
            for (const target of targets.filter((apiKey) => apiKey !== caller.apiKey)) {
              for (const [name, route] of Object.entries(adminApiRoutes)) {
                const pick = picks.next().value;
                const path = route.path
                  .replace(':apiKey', target)
                  .replace(':username', 'admin')
                  .replace(':host', 'localhost%3A8000');
                const before = await keysNow();
                const answer = await adminCall(
                  caller.client,
                  route.method,
                  path,
                  route.method === 'GET' ? undefined : inputFor(name, pick, caller.holds),
                );
                const context = `${caller.apiKey} [${[...caller.holds].join(', ')}] ${route.method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`;
                expect(answer.status, context).toBeLessThan(500);
                const after = await keysNow();
                for (const [apiKey, key] of after) {
                  if (!changed(before.get(apiKey), key)) continue;
                  for (const entryPoint of key.entryPoints)
                    expect(caller.holds.has(entryPoint), `${context}: ${apiKey} holds ${entryPoint}`).toBe(true);
                }
                const body = answer.body as { apiKey?: string; secretKey?: string } | null;
                if (body !== null && typeof body.secretKey === 'string') {
                  secretsSeen.push(body.secretKey);
                  const owner = after.get(body.apiKey ?? '');
                  expect(owner, context).toBeDefined();
                  for (const entryPoint of owner?.entryPoints ?? []) expect(caller.holds.has(entryPoint), context).toBe(true);
                  expect(owner?.username, context).toBeNull();
                }
              }
            }
          }
        },
      ),
      { numRuns: propertyRuns(5) },
    );
    // The property was not vacuous: some calls were allowed and answered a SEC key.
    expect(secretsSeen.length).toBeGreaterThan(0);
  }, 600_000);
});
