import { inputErrors } from './input.errors.js';

/**
 * Keys that reach an object's prototype when a parsed value is merged, spread or walked into
 * another object (prototype pollution). No input Signet reads has a use for them.
 */
export const FORBIDDEN_JSON_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

function refuseForbiddenKeys(key: string, value: unknown): unknown {
  if (FORBIDDEN_JSON_KEYS.has(key)) throw inputErrors.forbiddenJsonKey(key);
  return value;
}

/**
 * The one JSON parser of the code base: `JSON.parse`, refusing any object key among
 * FORBIDDEN_JSON_KEYS at any depth, however it is escaped (`"\u005f_proto__"` too: the reviver sees
 * decoded keys). Throws an InputError (`malformed JSON`, or the key that is not allowed); the
 * message never repeats the input, which may hold a secret.
 */
export function parseJson(text: string): unknown {
  try {
    return mayHideForbiddenKey(text) ? JSON.parse(text, refuseForbiddenKeys) : JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) throw inputErrors.malformedJson();
    throw error;
  }
}

/**
 * Whether any key of `text` could decode to a forbidden one: only when the text holds one of their
 * names as written, or a `\u` escape (the only JSON escape that can spell a letter or `_`). Without
 * either, the plain parse is as safe and several times cheaper than one with a reviver, which is
 * what a session or a token read back from the cache on every request costs.
 */
function mayHideForbiddenKey(text: string): boolean {
  if (text.includes('\\u')) return true;
  for (const key of FORBIDDEN_JSON_KEYS) if (text.includes(key)) return true;
  return false;
}

/** parseJson, or undefined for anything it refuses: for records read back from a store or a cache. */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return parseJson(text);
  } catch {
    return undefined;
  }
}
