/**
 * The SSO continue-as handshake one step at a time: the server CPU of each of its four requests,
 * beside one unprotected request, on Signet compiled as production runs it (default mode, memory
 * adapters). Where `npm run bench` says what the whole handshake costs, this says which step.
 *
 *     npx tsx bench/handshake-steps.ts [--rounds 10] [--requests 1500] [--build DIR]
 *
 * Each round measures the steps in order, each over `--requests` requests on 16 keep-alive
 * connections; the medians over rounds are printed. `--build` measures a build made elsewhere
 * (`node scripts/build.js --out-dir DIR/dist` on another commit), to compare two commits.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_SSO_HOST } from '../src/application/demo/demo-data.js';
import { signUrlV1 } from '../src/client/signet-client.js';
import { HttpConnection, getRequest, postFormRequest, type BenchResponse } from './http-connection.js';
import { median } from './report.js';
import { csrfOf, logIn, requestTokenOf } from './scenarios.js';
import { startServer } from './servers.js';

const STEPS = ['unprotected', 'request token', 'login page', 'continue', 'redemption'] as const;
type Step = (typeof STEPS)[number];
const CONNECTIONS = 16;

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '10' },
    requests: { type: 'string', default: '1500' },
    build: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const requests = Number(values.requests);
const root = fileURLToPath(new URL('../', import.meta.url));
const buildDir = values.build ?? '.bench-build';
if (values.build === undefined) {
  const built = spawnSync(process.execPath, ['scripts/build.js', '--out-dir', `${buildDir}/dist`], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('the build failed');
  // The compiled modules read Signet's version from the package.json beside their folder, as in dist/.
  copyFileSync(`${root}package.json`, `${root}${buildDir}/package.json`);
}

const sso = { apiKey: DEMO_SSO_HOST.apiKey, secretKey: DEMO_SSO_HOST.secretKey };
const next = encodeURIComponent('http://localhost:8000/sso/auth/');
const loginTarget = (token: string) => `/sso/login/?api_key=${sso.apiKey}&request_token=${token}&next=${next}`;
const signed = (url: string) => signUrlV1({ ...sso, url, timestamp: Math.floor(Date.now() / 1000) });

const server = await startServer({
  name: 'signet',
  args: [`${buildDir}/dist/main.js`],
  env: {
    NODE_ENV: 'development',
    LOG_LEVEL: 'error',
    CACHE: 'memory',
    STORE: 'memory',
    SESSION_SECRET: 'a-session-secret-for-the-benchmark-only-0000',
  },
  readyPath: '/health/live',
  quiet: true,
});
const port = server.port;
const connections = Array.from({ length: CONNECTIONS }, () => new HttpConnection(port));

try {
  const cookie = await logIn(port, 'admin', '123');
  const perRound = new Map<Step, number[]>(STEPS.map((step) => [step, []]));
  const ratios: number[] = [];
  for (let round = 0; round <= rounds; round += 1) {
    const costs = await measureRound(cookie);
    // The first round warms the server up and is not counted.
    if (round === 0) continue;
    for (const step of STEPS) perRound.get(step)!.push(costs.get(step)!);
    const handshake = STEPS.slice(1).reduce((sum, step) => sum + costs.get(step)!, 0);
    ratios.push(handshake / costs.get('unprotected')!);
  }
  console.log(`server CPU per request, median of ${rounds} rounds of ${requests} requests per step:`);
  for (const step of STEPS) console.log(`  ${step.padEnd(14)} ${median(perRound.get(step)!).toFixed(0).padStart(6)} µs`);
  console.log(`  the four steps against one unprotected request: ${median(ratios).toFixed(2)}x`);
} finally {
  for (const connection of connections) connection.close();
  await server.stop();
}

async function measureRound(cookie: string): Promise<Map<Step, number>> {
  const costs = new Map<Step, number>();
  const tokens: string[] = [];
  const authTokens: string[] = [];
  let csrf = '';
  costs.set('unprotected', await step(() => getRequest(port, '/api/public/hello/'), expect(200)));
  costs.set(
    'request token',
    await step(
      () => getRequest(port, signed('/sso/requesttoken/')),
      (response, index) => {
        tokens[index] = requestTokenOf(response.body);
      },
    ),
  );
  costs.set(
    'login page',
    await step(
      (index) => getRequest(port, loginTarget(tokens[index]!), { Cookie: cookie }),
      (response) => {
        expect(200)(response);
        csrf = csrfOf(response.body);
      },
    ),
  );
  costs.set(
    'continue',
    await step(
      (index) =>
        postFormRequest(
          port,
          loginTarget(tokens[index]!),
          new URLSearchParams({ _csrf: csrf, action: 'continue', user: 'admin' }).toString(),
          {
            Cookie: cookie,
          },
        ),
      (response, index) => {
        expect(302)(response);
        authTokens[index] = new URL(response.headers.get('location') ?? '').searchParams.get('auth_token') ?? '';
      },
    ),
  );
  costs.set(
    'redemption',
    await step(
      (index) => getRequest(port, signed(`/sso/authtoken/?request_token=${tokens[index]}&auth_token=${authTokens[index]}`)),
      expect(200),
    ),
  );
  return costs;
}

/** Sends `requests` requests made by `make` over all connections at once; the server CPU per request, in µs. */
async function step(make: (index: number) => Buffer, check: (response: BenchResponse, index: number) => void): Promise<number> {
  const prepared = Array.from({ length: requests }, (_, index) => make(index));
  let taken = 0;
  const before = await server.cpuMicros();
  await Promise.all(
    connections.map(async (connection) => {
      while (taken < requests) {
        const index = taken;
        taken += 1;
        check(await connection.send(prepared[index]!), index);
      }
    }),
  );
  const after = await server.cpuMicros();
  return (after.total - before.total) / requests;
}

function expect(status: number): (response: BenchResponse) => void {
  return (response) => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}`);
  };
}
