import { checkFieldPath } from './field-path.js';
import { checkOperatorArgument } from './operator-arguments.js';
import {
  CODE_OPERATORS,
  EXPRESSION_OPERATORS,
  FIELD_BY_NAME_OPERATORS,
  FIELD_OPERATORS,
  TEXT_OPERATORS,
  TOP_LEVEL_OPERATORS,
  WHOLE_DOCUMENT_VARIABLES,
} from './query-operators.js';
import { readerErrors } from './reader.errors.js';
import { isArrayValue, isDocument, type ReaderDocument, type ReaderValue } from './reader-value.js';

/** What a query reads: the field paths it names, and whether it may read any field at all. */
export interface CriteriaFacts {
  readonly paths: readonly string[];
  /** `$expr` over `$$ROOT`, `$jsonSchema`, `$text`...: the query can observe fields it does not name. */
  readonly readsAnyField: boolean;
}

/**
 * Checks criteria against the reader's query language: each operator must be one MongoDB documents
 * and must run no code, stand where it belongs and get an argument of the right shape. Throws a
 * ReaderError (400) for the first problem found; returns what the query reads, for the policy.
 */
export function checkCriteria(criteria: ReaderDocument): CriteriaFacts {
  // First, and over everything: whatever else is wrong, a code operator is what the answer names.
  refuseCodeOperators(criteria);
  const walker = new CriteriaWalker();
  walker.criteria(criteria, '');
  return { paths: walker.paths, readsAnyField: walker.readsAnyField };
}

/** Throws `operator not allowed` when a code-running operator is a key anywhere inside `value`. */
export function refuseCodeOperators(value: ReaderValue): void {
  if (isArrayValue(value)) {
    for (const item of value) refuseCodeOperators(item);
  } else if (isDocument(value)) {
    for (const [key, inner] of value.entries) {
      if (CODE_OPERATORS.has(key)) throw readerErrors.operatorNotAllowed(key);
      refuseCodeOperators(inner);
    }
  }
}

class CriteriaWalker {
  paths: string[] = [];
  readsAnyField = false;

  criteria(document: ReaderDocument, prefix: string): void {
    for (const [key, value] of document.entries) {
      if (CODE_OPERATORS.has(key)) throw readerErrors.operatorNotAllowed(key);
      if (!key.startsWith('$')) {
        this.field(`${prefix}${checkFieldPath(key, 'criteria')}`, value);
      } else if (key === '$and' || key === '$or' || key === '$nor') {
        if (!isArrayValue(value) || value.length === 0 || !value.every(isDocument)) {
          throw readerErrors.badInput(`criteria: ${key} takes a non-empty array of objects`);
        }
        for (const clause of value) if (isDocument(clause)) this.criteria(clause, prefix);
      } else if (key === '$expr') {
        this.expression(value);
      } else if (key === '$jsonSchema' || key === '$text') {
        if (!isDocument(value)) throw readerErrors.badInput(`criteria: ${key} takes an object`);
        if (key === '$text') checkKeys(value, TEXT_OPERATORS);
        refuseCodeOperators(value);
        this.readsAnyField = true;
      } else if (key === '$comment') {
        refuseCodeOperators(value);
      } else if (FIELD_OPERATORS.has(key)) {
        throw readerErrors.badInput(`criteria: ${key} must follow a field name`);
      } else if (!TOP_LEVEL_OPERATORS.has(key)) {
        throw readerErrors.unknownOperator(key);
      }
    }
  }

  /** The value given for a field: an operator object, or a value to equal. */
  field(path: string, value: ReaderValue): void {
    this.paths.push(path);
    if (!isDocument(value) || !value.entries.some(([key]) => key.startsWith('$'))) {
      refuseCodeOperators(value);
      return;
    }
    this.operators(path, value);
  }

  operators(path: string, document: ReaderDocument): void {
    for (const [operator, argument] of document.entries) {
      if (CODE_OPERATORS.has(operator)) throw readerErrors.operatorNotAllowed(operator);
      if (!operator.startsWith('$')) {
        throw readerErrors.badInput(`criteria: the value of ${path} mixes operators with the field ${JSON.stringify(operator)}`);
      }
      if (!FIELD_OPERATORS.has(operator)) {
        throw TOP_LEVEL_OPERATORS.has(operator)
          ? readerErrors.badInput(`criteria: ${operator} cannot be applied to the field ${path}`)
          : readerErrors.unknownOperator(operator);
      }
      checkOperatorArgument(operator, argument, document, path);
      if (operator === '$not' && isDocument(argument)) this.operators(path, argument);
      else if (operator === '$elemMatch' && isDocument(argument)) this.elemMatch(path, argument);
      else if (operator === '$all' && isArrayValue(argument)) this.all(path, argument);
      else refuseCodeOperators(argument);
    }
  }

  elemMatch(path: string, argument: ReaderDocument): void {
    const [first] = argument.entries;
    if (first && FIELD_OPERATORS.has(first[0])) this.operators(path, argument);
    else this.criteria(argument, `${path}.`);
  }

  all(path: string, values: readonly ReaderValue[]): void {
    for (const item of values) {
      const [first] = isDocument(item) ? item.entries : [];
      if (isDocument(item) && first?.[0] === '$elemMatch') this.operators(path, item);
      else refuseCodeOperators(item);
    }
  }

  /** An aggregation expression: operators from the expression list, `$field` paths, `$$variables`. */
  expression(value: ReaderValue): void {
    if (typeof value === 'string') {
      if (WHOLE_DOCUMENT_VARIABLES.has(value.split('.')[0] ?? '')) this.readsAnyField = true;
      else if (value.startsWith('$') && !value.startsWith('$$')) this.paths.push(value.slice(1));
    } else if (isArrayValue(value)) {
      for (const item of value) this.expression(item);
    } else if (isDocument(value)) {
      for (const [key, inner] of value.entries) {
        if (CODE_OPERATORS.has(key)) throw readerErrors.operatorNotAllowed(key);
        if (key.startsWith('$') && !EXPRESSION_OPERATORS.has(key)) throw readerErrors.unknownOperator(key);
        if (FIELD_BY_NAME_OPERATORS.has(key)) this.readsAnyField = true;
        if (key === '$literal') refuseCodeOperators(inner);
        else this.expression(inner);
      }
    }
  }
}

function checkKeys(document: ReaderDocument, allowed: ReadonlySet<string>): void {
  for (const [key] of document.entries) {
    if (CODE_OPERATORS.has(key)) throw readerErrors.operatorNotAllowed(key);
    if (!allowed.has(key)) throw readerErrors.unknownOperator(key);
  }
}
