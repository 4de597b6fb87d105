import { readerErrors } from '../../domain/reader/reader.errors.js';
import { isArrayValue, isDocument, type ReaderValue, type TypedValue } from '../../domain/reader/reader-value.js';

/**
 * BSON values mingo has no type for, as objects it can compare: mingo treats two objects of one
 * class with their own toString as equal when the strings are, and orders them by those strings.
 */
abstract class MingoScalar {
  constructor(private readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

class MingoObjectId extends MingoScalar {}
class MingoBinary extends MingoScalar {}
class MingoTimestamp extends MingoScalar {}
class MingoMinKey extends MingoScalar {}
class MingoMaxKey extends MingoScalar {}

/**
 * A value in the form mingo evaluates: numbers of every width as JavaScript numbers (so they
 * compare together, as on a server; an int64 beyond 2^53 or a decimal loses digits here), dates
 * as Dates, regular expressions as RegExps, the rest as comparable scalars.
 */
export function toMingo(value: ReaderValue, role: MingoRole): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isArrayValue(value)) return value.map((item) => toMingo(item, role));
  if (isDocument(value)) return Object.fromEntries(value.entries.map(([key, inner]) => [key, toMingo(inner, role)]));
  return typed(value, role);
}

/**
 * Criteria are the caller's and are checked; a stored document is data, whose regular expression
 * is only ever compared, never run, so one JavaScript cannot compile is kept as a plain scalar.
 */
export type MingoRole = 'criteria' | 'stored';

class MingoRegex extends MingoScalar {}

function typed(value: TypedValue, role: MingoRole): unknown {
  switch (value.kind) {
    case 'int32':
      return value.value;
    case 'int64':
      return Number(value.value);
    case 'decimal128':
      return Number(value.value);
    case 'objectId':
      return new MingoObjectId(value.hex);
    case 'date':
      return new Date(value.ms);
    case 'regex':
      if (role === 'criteria') return regExp(value.pattern, value.options);
      try {
        return new RegExp(value.pattern, value.options.replace(/[^imsu]/g, ''));
      } catch {
        return new MingoRegex(`/${value.pattern}/${value.options}`);
      }
    case 'binary':
      return new MingoBinary(`${value.subType}:${value.base64}`);
    case 'timestamp':
      return new MingoTimestamp(`${value.t.toString(16).padStart(8, '0')}${value.i.toString(16).padStart(8, '0')}`);
    case 'minKey':
      return new MingoMinKey('');
    case 'maxKey':
      return new MingoMaxKey('');
  }
}

/** A MongoDB regular expression as a JavaScript one; options JavaScript lacks are refused rather than ignored. */
export function regExp(pattern: string, options: string): RegExp {
  if (options.includes('x'))
    throw readerErrors.badQuery('the memory source cannot use the x (extended) option of a regular expression');
  refuseCatastrophicPattern(pattern);
  try {
    return new RegExp(pattern, options.replace(/[^imsu]/g, ''));
  } catch (error) {
    throw readerErrors.badQuery(error instanceof Error ? error.message : 'bad regular expression');
  }
}

/**
 * The memory source runs regular expressions in the server's own thread, where nothing can stop a
 * runaway one: a quantified group that holds a quantifier (`(a+)+`) can backtrack for minutes, so it
 * is refused. A MongoDB server is bounded by maxTimeMS instead.
 */
export function refuseCatastrophicPattern(pattern: string): void {
  if (/\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{?]/.test(pattern) || pattern.length > 1000) {
    throw readerErrors.badQuery(
      'the memory source refuses a regular expression with nested quantifiers, or over 1000 characters',
    );
  }
}
