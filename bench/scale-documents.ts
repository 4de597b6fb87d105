import { documentOf, type ReaderDocument } from '../src/domain/reader/reader-value.js';

/**
 * `count` documents shaped like the demo's (`name`, `gender`, `disable`, `lastlogin`), plus `n`, their
 * number: names in no particular order, so that a sort by name has work to do, and all different.
 */
export function scaleDocuments(count: number): ReaderDocument[] {
  return Array.from({ length: count }, (_, n) => {
    const scrambled = (n * 2_654_435_761) % 4_294_967_296;
    return documentOf([
      ['_id', { kind: 'objectId', hex: n.toString(16).padStart(24, '0') }],
      ['n', { kind: 'int32', value: n }],
      ['name', `user ${scrambled.toString(36).padStart(7, '0')} ${n}`],
      ['gender', { kind: 'int32', value: n % 2 }],
      ['disable', n % 3 === 0],
      ['lastlogin', { kind: 'date', ms: Date.UTC(2026, 0, 1) - (scrambled % 94_608_000) * 1000 }],
    ]);
  });
}
