import type { Namespace } from '../../domain/reader/namespace.js';
import { documentOf, type ReaderDocument } from '../../domain/reader/reader-value.js';

/** dj-mongo-reader's sample collection. */
export const DEMO_NAMESPACE: Namespace = { database: 'db1', collection: 'user_collection1' };

/**
 * The demo's policy, in the JSON a READER_POLICY file holds: user1 and staff users read the `user_*`
 * collections of db1; user2 may count them but not read them; everything else is refused.
 */
export const DEMO_POLICY_JSON = {
  rules: [
    {
      description: 'user1 reads the user collections',
      user: { username: 'user1' },
      database: 'db1',
      collection: 'user_*',
      effect: 'allow',
    },
    {
      description: 'staff read the user collections',
      user: { staff: true },
      database: 'db1',
      collection: 'user_*',
      effect: 'allow',
    },
    {
      description: 'user2 may count them, not read them',
      user: { username: 'user2' },
      database: 'db1',
      collection: 'user_*',
      commands: ['count'],
      effect: 'allow',
    },
  ],
} as const;

const FIRST_NAMES =
  'Ada Alan Barbara Claude Dennis Edsger Frances Grace Hedy Ivan John Katherine Ken Linus Margaret Niklaus Radia Shafi Tim Yukihiro'.split(
    ' ',
  );
const LAST_NAMES =
  'Allen Backus Cerf Dijkstra Engelbart Floyd Goldberg Hopper Iverson Kay Lamport Liskov McCarthy Naur Perlman Ritchie Sammet Thompson Wirth Zuse'.split(
    ' ',
  );
const DEMO_SEED = 20_260_101;
/** Logins are spread over the three years before this moment, so the demo is the same on every start. */
const LATEST_LOGIN = Date.UTC(2026, 0, 1);
const THREE_YEARS_MS = 3 * 365 * 86_400_000;

/**
 * 100 documents like dj-mongo-reader's sample (`name`, `gender` 0 or 1, `disable`, `lastlogin`),
 * drawn from a fixed seed: every start gives the same ids, names and dates. Names are unique, so
 * that a sort by name has one right answer.
 */
export function demoDocuments(count = 100): ReaderDocument[] {
  const random = seededRandom(DEMO_SEED);
  const names = FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => `${first} ${last}`));
  for (let index = names.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [names[index], names[other]] = [names[other] ?? '', names[index] ?? ''];
  }
  return names.slice(0, count).map((name, index) =>
    documentOf([
      ['_id', { kind: 'objectId', hex: objectIdHex(index, random) }],
      ['name', name],
      ['gender', { kind: 'int32', value: random() < 0.5 ? 0 : 1 }],
      ['disable', random() < 1 / 3],
      ['lastlogin', { kind: 'date', ms: LATEST_LOGIN - Math.floor((random() * THREE_YEARS_MS) / 1000) * 1000 }],
    ]),
  );
}

/** An ObjectId as a server would make it: a 4-byte time (here fixed, one second apart), then 8 bytes. */
function objectIdHex(index: number, random: () => number): string {
  const seconds = (LATEST_LOGIN / 1000 + index).toString(16).padStart(8, '0');
  const rest = Array.from({ length: 8 }, () =>
    Math.floor(random() * 256)
      .toString(16)
      .padStart(2, '0'),
  ).join('');
  return `${seconds}${rest}`;
}

/** mulberry32: a small, fast generator; plenty for demo data, and the same sequence on every platform. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
