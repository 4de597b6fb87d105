import { scrypt } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { ScaleRow, ScaleScenario } from './scale-section.js';

/** OWASP Password Storage Cheat Sheet: its equivalent scrypt settings and Argon2id minimums. */
const SETTINGS: readonly { label: string; run: () => Promise<unknown> }[] = [
  ...[
    [17, 1],
    [16, 2],
    [15, 3],
    [14, 5],
    [13, 10],
  ].map(([logN = 0, p = 0]) => ({
    label: `scrypt N=2^${logN}, r=8, p=${p}`,
    run: () =>
      new Promise((resolve, reject) => {
        const N = 2 ** logN;
        scrypt('a password', 'a salt of 16 bytes', 32, { N, r: 8, p, maxmem: 2 * 128 * N * 8 * p }, (error, key) =>
          error ? reject(error) : resolve(key),
        );
      }),
  })),
  ...[
    [47104, 1],
    [19456, 2],
    [12288, 3],
    [9216, 4],
    [7168, 5],
  ].map(([memoryCost = 0, timeCost = 0]) => ({
    label: `Argon2id m=${memoryCost} KiB, t=${timeCost}, p=1`,
    run: () => hash('a password', { memoryCost, timeCost, parallelism: 1 }),
  })),
];

/**
 * Hashes a second at each OWASP-listed setting, two at once (Signet's PASSWORD_HASH_CONCURRENCY on
 * two cores), in the bench's own process: the hash alone, without HTTP around it.
 */
export const passwordHashesScale: ScaleScenario = {
  name: 'password-hashes',
  async run(context) {
    const rows: ScaleRow[] = [];
    for (const setting of SETTINGS) {
      await setting.run();
      const before = process.cpuUsage();
      const started = performance.now();
      const deadline = started + context.seconds * 1000;
      let hashes = 0;
      await Promise.all(
        [0, 1].map(async () => {
          while (performance.now() < deadline) {
            await setting.run();
            hashes += 1;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(before);
      const rate = hashes / seconds;
      const cpuMs = (cpu.user + cpu.system) / hashes / 1000;
      context.log(`${setting.label}: ${rate.toFixed(1)} hashes/s, ${cpuMs.toFixed(1)} ms CPU each`);
      rows.push({
        measure: `one password hash, ${setting.label}`,
        size: '2 at once',
        figure: `${rate.toFixed(1)} hashes/s; ${cpuMs.toFixed(1)} ms CPU a hash`,
        goal: '',
      });
    }
    return rows;
  },
};
