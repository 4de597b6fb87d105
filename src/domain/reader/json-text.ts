import { readerErrors } from './reader.errors.js';
import { parseJson } from '../shared/safe-json.js';

/** JSON as it was written: objects keep their key order, numbers their text (so exactness can be judged). */
export type JsonNode = null | boolean | string | JsonNumber | readonly JsonNode[] | JsonObject;
export interface JsonNumber {
  readonly kind: 'number';
  readonly text: string;
}
export interface JsonObject {
  readonly kind: 'object';
  readonly entries: readonly (readonly [string, JsonNode])[];
}

export function isJsonArray(node: JsonNode): node is readonly JsonNode[] {
  return Array.isArray(node);
}

/** How much one parameter may hold: what a query needs, far below what would cost the server. */
export interface JsonBounds {
  /** Characters of text. */
  readonly maxLength: number;
  /** Levels of objects and arrays inside one another. */
  readonly maxDepth: number;
  /** Values of any kind, keys not counted. */
  readonly maxValues: number;
}

export const DEFAULT_JSON_BOUNDS: JsonBounds = { maxLength: 16 * 1024, maxDepth: 32, maxValues: 2000 };

/** A UTF-16 surrogate without its pair: no UTF-8 encoding exists, so a driver would replace it silently. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Keys that reach an object's prototype machinery in JavaScript: refused wherever they appear. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Reads `text` as strict JSON (RFC 8259): no comments, no trailing commas, no duplicate keys, no
 * lone surrogates, nothing after the value. Unlike JSON.parse it keeps key order and number text,
 * and refuses input over `bounds` before it costs anything. Throws a bad-input ReaderError naming
 * `what` (the parameter) and the position.
 */
export function parseJsonText(text: string, what: string, bounds: JsonBounds = DEFAULT_JSON_BOUNDS): JsonNode {
  if (text.length > bounds.maxLength) {
    throw readerErrors.badInput(`${what} is longer than ${bounds.maxLength} characters`);
  }
  return new JsonReader(text, what, bounds).document();
}

class JsonReader {
  private at = 0;
  private values = 0;

  constructor(
    private readonly text: string,
    private readonly what: string,
    private readonly bounds: JsonBounds,
  ) {}

  document(): JsonNode {
    const value = this.value(0);
    this.skipSpace();
    if (this.at < this.text.length) this.fail('unexpected text after the JSON value');
    return value;
  }

  private value(depth: number): JsonNode {
    if (++this.values > this.bounds.maxValues) {
      throw readerErrors.badInput(`${this.what} holds more than ${this.bounds.maxValues} values`);
    }
    this.skipSpace();
    const char = this.text[this.at];
    if (char === '{' || char === '[') {
      if (depth >= this.bounds.maxDepth) {
        throw readerErrors.badInput(`${this.what} is nested deeper than ${this.bounds.maxDepth} levels`);
      }
      return char === '{' ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (char === '"') return this.string();
    if (this.take('true')) return true;
    if (this.take('false')) return false;
    if (this.take('null')) return null;
    return this.number();
  }

  private object(depth: number): JsonObject {
    this.at += 1;
    const entries: (readonly [string, JsonNode])[] = [];
    const seen = new Set<string>();
    this.skipSpace();
    if (this.text[this.at] === '}') {
      this.at += 1;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] !== '"') this.fail('expected a key in double quotes');
      const key = this.string();
      if (FORBIDDEN_KEYS.has(key)) throw readerErrors.badInput(`${this.what}: key not allowed: ${key}`);
      if (seen.has(key)) throw readerErrors.badInput(`${this.what}: duplicate key ${JSON.stringify(key)}`);
      seen.add(key);
      this.expect(':');
      entries.push([key, this.value(depth)]);
      if (this.separator('}')) return { kind: 'object', entries };
    }
  }

  private array(depth: number): readonly JsonNode[] {
    this.at += 1;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.at] === ']') {
      this.at += 1;
      return items;
    }
    for (;;) {
      items.push(this.value(depth));
      if (this.separator(']')) return items;
    }
  }

  /** After a member: true at the closing bracket, false after a comma. */
  private separator(close: '}' | ']'): boolean {
    this.skipSpace();
    const char = this.text[this.at];
    this.at += 1;
    if (char === close) return true;
    if (char !== ',') this.fail(`expected ',' or '${close}'`, this.at - 1);
    return false;
  }

  private string(): string {
    const start = this.at + 1;
    const end = closingQuote(this.text, start);
    if (end < 0) this.fail('unterminated string');
    const raw = this.text.slice(start, end);
    if (/[\u0000-\u001f]/.test(raw)) this.fail('control character in a string: escape it');
    let value: unknown;
    try {
      value = parseJson(`"${raw}"`);
    } catch {
      this.fail('bad escape in a string');
    }
    if (typeof value !== 'string') this.fail('bad string');
    if (LONE_SURROGATE.test(value)) this.fail('lone surrogate in a string (not valid UTF-8)');
    this.at = end + 1;
    return value;
  }

  private number(): JsonNumber {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 400));
    if (!match) this.fail('expected a JSON value');
    this.at += match[0].length;
    return { kind: 'number', text: match[0] };
  }

  private take(word: string): boolean {
    if (!this.text.startsWith(word, this.at)) return false;
    this.at += word.length;
    return true;
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.at] !== char) this.fail(`expected '${char}'`);
    this.at += 1;
  }

  private skipSpace(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text.charAt(this.at))) this.at += 1;
  }

  private fail(reason: string, at = this.at): never {
    throw readerErrors.badInput(`${this.what} is not valid JSON: ${reason} at position ${at}`);
  }
}

/** Index of the quote that closes a string whose content starts at `from`, skipping escapes; -1 if none. */
function closingQuote(text: string, from: number): number {
  for (let at = from; at < text.length; at += 1) {
    const char = text.charCodeAt(at);
    if (char === 92 /* \ */) at += 1;
    else if (char === 34 /* " */) return at;
  }
  return -1;
}
