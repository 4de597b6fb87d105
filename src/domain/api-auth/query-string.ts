import { percentDecode } from './rfc3986.js';

/** One `name=value` piece of a raw query string, with its raw text kept for re-signing. */
export interface QueryPiece {
  readonly raw: string;
  readonly name: string;
  readonly value: string;
  readonly hasEquals: boolean;
}

/** Splits a raw query (no leading `?`) into its pieces, decoding names and values as HTML forms do. */
export function splitQuery(rawQuery: string): QueryPiece[] {
  if (rawQuery === '') return [];
  const pieces: QueryPiece[] = [];
  for (const raw of rawQuery.split('&')) {
    if (raw === '') continue;
    const equals = raw.indexOf('=');
    const rawName = equals === -1 ? raw : raw.slice(0, equals);
    const rawValue = equals === -1 ? '' : raw.slice(equals + 1);
    pieces.push({
      raw,
      name: percentDecode(rawName, true),
      value: percentDecode(rawValue, true),
      hasEquals: equals !== -1,
    });
  }
  return pieces;
}

/** Splits a request target into its path and raw query (without `?`). */
export function splitTarget(rawUrl: string): { path: string; rawQuery: string } {
  const mark = rawUrl.indexOf('?');
  return mark === -1 ? { path: rawUrl, rawQuery: '' } : { path: rawUrl.slice(0, mark), rawQuery: rawUrl.slice(mark + 1) };
}
