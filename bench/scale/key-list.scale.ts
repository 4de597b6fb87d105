import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import { CookieJar } from '../../test/support/cookie-jar.js';
import type { BenchServer } from '../servers.js';
import { timed, type ScaleRow, type ScaleScenario } from './scale-section.js';

const SIZES = [15, 10_000] as const;
const GOAL = 2;

interface Cost {
  cpuMicros: number;
  bytes: number;
  rate: number;
}

/**
 * The admin key list, first page (50 keys), on the site (`GET /admin/keys/`, logged in) and in the
 * admin API (`GET /admin/api/keys`, signed v2), with 15 and with 10,000 keys stored: server CPU and
 * bytes a request, the larger against the smaller.
 */
export const keyListScale: ScaleScenario = {
  name: 'key-list',
  async run(context) {
    const costs = new Map<string, Cost>();
    for (const size of SIZES) {
      const server = await context.startSignet(`keys-${size}`, {});
      try {
        const baseUrl = `http://127.0.0.1:${server.port}`;
        const admin = new SignetClient({
          baseUrl,
          apiKey: DEMO_ADMIN_KEY.apiKey,
          secretKey: DEMO_ADMIN_KEY.secretKey,
          protocol: 'v2',
        });
        await seed(admin, size);
        const jar = new CookieJar();
        const page = await (await jar.fetch(`${baseUrl}/login/`)).text();
        const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
        await jar.post(`${baseUrl}/login/`, { _csrf: csrf, username: 'admin', password: '123' });
        const site = async () => fetched(await jar.fetch(`${baseUrl}/admin/keys/`));
        const api = async () => fetched(await admin.request('GET', '/admin/api/keys'));
        for (const [door, unit] of [
          ['site', site],
          ['api', api],
        ] as const) {
          costs.set(`${door}-${size}`, await measure(server, context.seconds, unit));
        }
        context.log(
          `key list at ${size} keys: site ${describe(costs.get(`site-${size}`))}; API ${describe(costs.get(`api-${size}`))}`,
        );
      } finally {
        await server.stop();
      }
    }
    const rows: ScaleRow[] = [];
    for (const [door, label] of [
      ['site', '`GET /admin/keys/` (the first page of 50)'],
      ['api', '`GET /admin/api/keys` (the first page of 50)'],
    ] as const) {
      const small = costs.get(`${door}-${SIZES[0]}`);
      for (const size of SIZES) {
        const cost = costs.get(`${door}-${size}`);
        if (!cost || !small) continue;
        const ratio = cost.cpuMicros / small.cpuMicros;
        rows.push({
          measure: label,
          size: `${size.toLocaleString('en-US')} keys`,
          figure: `${(cost.cpuMicros / 1000).toFixed(2)} ms server CPU, ${(cost.bytes / 1024).toFixed(1)} KiB a request${size === SIZES[0] ? '' : `; ${ratio.toFixed(2)}x the ${SIZES[0]}-key list`}`,
          goal: size === SIZES[0] ? '' : `at most ${GOAL}x: ${ratio <= GOAL ? 'met' : `missed by ${(ratio - GOAL).toFixed(2)}x`}`,
        });
      }
    }
    return rows;
  },
};

function describe(cost: Cost | undefined): string {
  return cost ? `${(cost.cpuMicros / 1000).toFixed(2)} ms CPU, ${cost.bytes} bytes, ${cost.rate.toFixed(0)}/s` : 'not measured';
}

async function fetched(response: Response): Promise<number> {
  const body = await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`the key list answered ${response.status}`);
  return body.byteLength;
}

async function measure(server: BenchServer, seconds: number, unit: () => Promise<number>): Promise<Cost> {
  let bytes = 0;
  const count = async () => {
    bytes = await unit();
    return true;
  };
  await timed(server, 0.5, 2, count);
  const m = await timed(server, seconds, 2, count);
  return { cpuMicros: m.cpuMicros / Math.max(1, m.units), bytes, rate: m.units / m.seconds };
}

/** Creates keys through the admin API until `size` are stored (the demo's count among them). */
async function seed(admin: SignetClient, size: number): Promise<void> {
  let missing = size - (await storedKeys(admin));
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (missing > 0) {
        missing -= 1;
        const body = JSON.stringify({ note: `bench key ${missing}`, entryPoints: ['GET /api/hello/'] });
        const created = await admin.request('POST', '/admin/api/keys', { body, headers: { 'Content-Type': 'application/json' } });
        await created.arrayBuffer();
        if (created.status !== 201) throw new Error(`could not create a bench key: ${created.status}`);
      }
    }),
  );
  const stored = await storedKeys(admin);
  if (stored !== size) throw new Error(`the bench meant to store ${size} keys, and ${stored} are stored`);
}

async function storedKeys(admin: SignetClient): Promise<number> {
  const answer: unknown = await (await admin.request('GET', '/admin/api/keys?limit=1')).json();
  const total = typeof answer === 'object' && answer !== null && 'total' in answer ? answer.total : undefined;
  if (typeof total !== 'number') throw new Error(`the key list answered without a total: ${JSON.stringify(answer)}`);
  return total;
}
