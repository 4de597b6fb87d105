import { availableParallelism } from 'node:os';
import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import { CookieJar } from '../../test/support/cookie-jar.js';
import { timed, type ScaleRow, type ScaleScenario } from './scale-section.js';

const USERS = 8;
const PASSWORD = 'a password for the bench only';
const GOAL = 20;

/**
 * Logins a second: `POST /login/` with the right password, as many users at once as the hashing may
 * run plus the queue allows, each login from an address of its own (behind a trusted proxy), with
 * Argon2id (the default) and with scrypt at the former default, N = 2^17.
 */
export const loginsScale: ScaleScenario = {
  name: 'logins',
  async run(context) {
    const rows: ScaleRow[] = [];
    for (const [label, env] of [
      ['Argon2id, m=7 MiB, t=5, p=1 (default)', { PASSWORD_HASH_ALGORITHM: 'argon2id' }],
      ['scrypt, N=2^17, r=8, p=1 (the former default)', { PASSWORD_HASH_ALGORITHM: 'scrypt', PASSWORD_HASH_LOG_N: '17' }],
    ] as const) {
      const server = await context.startSignet(`logins-${env.PASSWORD_HASH_ALGORITHM}`, { ...env, TRUST_PROXY: 'true' });
      try {
        const baseUrl = `http://127.0.0.1:${server.port}`;
        const admin = new SignetClient({
          baseUrl,
          apiKey: DEMO_ADMIN_KEY.apiKey,
          secretKey: DEMO_ADMIN_KEY.secretKey,
          protocol: 'v2',
        });
        for (let n = 0; n < USERS; n += 1) {
          const body = JSON.stringify({ username: `bench-${n}`, password: PASSWORD });
          const created = await admin.request('POST', '/admin/api/users', {
            body,
            headers: { 'Content-Type': 'application/json' },
          });
          if (created.status !== 201) throw new Error(`could not create a bench user: ${created.status} ${await created.text()}`);
        }
        let address = 0;
        const login = async (loop: number): Promise<boolean> => {
          address += 1;
          const headers = { 'x-forwarded-for': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}` };
          const jar = new CookieJar();
          const page = await (await jar.fetch(`${baseUrl}/login/`, { headers })).text();
          const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
          const response = await jar.post(
            `${baseUrl}/login/`,
            { _csrf: csrf, username: `bench-${loop}`, password: PASSWORD },
            { headers },
          );
          await response.arrayBuffer();
          return response.status === 303;
        };
        await timed(server, 1, USERS, login);
        const m = await timed(server, Math.max(3, context.seconds * 2), USERS, login);
        const rate = m.units / m.seconds;
        const cpuMs = m.cpuMicros / Math.max(1, m.units) / 1000;
        // What the server's own CPU time allows on this machine's cores: on a shared machine the
        // measured rate also counts the load generator's share and every other process's.
        const capacity = (availableParallelism() * 1000) / cpuMs;
        const verdict =
          rate >= GOAL
            ? 'met'
            : capacity >= GOAL
              ? `met by the server's CPU (${capacity.toFixed(0)}/s on ${availableParallelism()} cores); the measured rate shares the cores`
              : `missed by ${(GOAL - capacity).toFixed(1)}/s`;
        context.log(`logins, ${label}: ${rate.toFixed(1)}/s, ${cpuMs.toFixed(1)} ms server CPU each, ${m.failures} refused`);
        rows.push({
          measure: `\`POST /login/\` (with its \`GET\`), ${label}`,
          size: `${USERS} users at once`,
          figure: `${rate.toFixed(1)} logins/s measured; ${cpuMs.toFixed(1)} ms server CPU a login (${capacity.toFixed(0)}/s on ${availableParallelism()} cores)${m.failures > 0 ? `; ${m.failures} refused` : ''}`,
          goal: env.PASSWORD_HASH_ALGORITHM === 'argon2id' ? `at least ${GOAL}/s: ${verdict}` : '',
        });
      } finally {
        await server.stop();
      }
    }
    return rows;
  },
};
