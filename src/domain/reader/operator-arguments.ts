import { GEO_OPERATORS, CODE_OPERATORS } from './query-operators.js';
import { readerErrors } from './reader.errors.js';
import { isArrayValue, isDocument, type ReaderDocument, type ReaderValue } from './reader-value.js';

/**
 * Checks the shape of a field operator's argument, so that every document source refuses the same
 * malformed queries with the same message (a server and mingo word them differently, or not at all).
 */
export function checkOperatorArgument(operator: string, argument: ReaderValue, siblings: ReaderDocument, path: string): void {
  const problem = problemWith(operator, argument, siblings);
  if (problem) throw readerErrors.badInput(`criteria: ${operator} on ${path} ${problem}`);
}

function problemWith(operator: string, argument: ReaderValue, siblings: ReaderDocument): string | null {
  switch (operator) {
    case '$in':
    case '$nin':
    case '$all':
      return isArrayValue(argument) ? null : 'takes an array';
    case '$not':
      return isRegex(argument) ||
        (isDocument(argument) && argument.entries.length > 0 && argument.entries.every(([key]) => key.startsWith('$')))
        ? null
        : 'takes a regular expression or an operator object';
    case '$elemMatch':
      return isDocument(argument) ? null : 'takes an object';
    case '$size':
      return wholeNumber(argument) !== null && (wholeNumber(argument) ?? -1) >= 0 ? null : 'takes a whole number of at least 0';
    case '$mod':
      return isArrayValue(argument) && argument.length === 2 && argument.every((item) => numberOf(item) !== null)
        ? null
        : 'takes [divisor, remainder]';
    case '$type':
      return (isArrayValue(argument) ? argument : [argument]).every(isTypeName)
        ? null
        : 'takes a type alias or number, or an array of them';
    case '$regex':
      return typeof argument === 'string' || isRegex(argument) ? null : 'takes a string or a regular expression';
    case '$options':
      if (!siblings.entries.some(([key]) => key === '$regex')) return 'needs $regex beside it';
      return typeof argument === 'string' && /^[imxsu]*$/.test(argument) ? null : 'takes letters of "imsux"';
    case '$maxDistance':
    case '$minDistance':
      return numberOf(argument) !== null ? null : 'takes a number';
    case '$geoWithin':
    case '$geoIntersects':
    case '$near':
    case '$nearSphere':
      return geoProblem(argument);
    default:
      return null;
  }
}

function geoProblem(argument: ReaderValue): string | null {
  if (isArrayValue(argument)) return null;
  if (!isDocument(argument)) return 'takes an object';
  const unknown = argument.entries.find(([key]) => key.startsWith('$') && !GEO_OPERATORS.has(key) && !CODE_OPERATORS.has(key));
  return unknown ? `does not take ${unknown[0]}` : null;
}

function isRegex(value: ReaderValue): boolean {
  return typeof value === 'object' && value !== null && !isArrayValue(value) && value.kind === 'regex';
}

function isTypeName(value: ReaderValue): boolean {
  return typeof value === 'string' || numberOf(value) !== null;
}

/** The value as a JavaScript number when it is one of BSON's numbers; null otherwise. */
export function numberOf(value: ReaderValue): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'object' || value === null || isArrayValue(value)) return null;
  if (value.kind === 'int32') return value.value;
  if (value.kind === 'int64') return Number(value.value);
  if (value.kind === 'decimal128') return Number(value.value);
  return null;
}

function wholeNumber(value: ReaderValue): number | null {
  const number = numberOf(value);
  return number !== null && Number.isInteger(number) ? number : null;
}
