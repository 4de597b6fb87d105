import type { Document } from 'bson';
import { CommandFailure, notSupported } from '../command-failure.js';

/** The fields a document may carry: those the fake honours, and those a real server takes that the fake refuses. */
export interface FieldList {
  readonly honoured: readonly string[];
  readonly refused?: readonly string[];
}

/**
 * Refuses a field the list does not name, as a real server's IDL parser does (40415, with the
 * dotted path it reports), and a field the list marks as refused (one a real server honours and the
 * fake cannot: saying so beats ignoring it). `path` is where the document sits, e.g. `update.updates`.
 * `ignoreUnknown` is for the few commands a real server parses loosely, ignoring fields it does not know.
 */
export function checkKnownFields(
  path: string,
  document: Document,
  fields: FieldList,
  options: { checkedElsewhere?: (field: string) => boolean; ignoreUnknown?: boolean } = {},
): void {
  for (const field of Object.keys(document)) {
    if (options.checkedElsewhere?.(field) || fields.honoured.includes(field)) continue;
    if (fields.refused?.includes(field)) throw notSupported(`BSON field '${path}.${field}'`);
    if (!options.ignoreUnknown) throw unknownField(`${path}.${field}`);
  }
}

export function unknownField(path: string): CommandFailure {
  return new CommandFailure('Location40415', `BSON field '${path}' is an unknown field.`);
}

/**
 * `collation`: the fake compares strings by their UTF-8 bytes only, which is the "simple" collation.
 * Any other locale would change matching and sorting, which mingo cannot do as ICU does: refused.
 */
export function checkCollation(value: unknown, path: string): void {
  if (value === undefined) return;
  const simple =
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    'locale' in value &&
    value.locale === 'simple';
  if (!simple) throw notSupported(`BSON field '${path}.collation' (a collation other than { locale: 'simple' })`);
}
