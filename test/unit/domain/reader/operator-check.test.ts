import { describe, expect, it } from 'vitest';
import { parseExtendedJsonDocument } from '../../../../src/domain/reader/extended-json.js';
import { checkCriteria } from '../../../../src/domain/reader/operator-check.js';
import { ReaderError } from '../../../../src/domain/reader/reader.errors.js';

const check = (text: string) => checkCriteria(parseExtendedJsonDocument(text, 'criteria'));

function refusal(text: string): ReaderError {
  try {
    check(text);
  } catch (error) {
    if (error instanceof ReaderError) return error;
    throw error;
  }
  throw new Error(`${text} was accepted`);
}

describe('the operator check', () => {
  it.each([
    '{}',
    '{"name": "Ada", "gender": 1}',
    '{"name": {"$regex": "^a", "$options": "i"}}',
    '{"name": {"$regularExpression": {"pattern": "^a", "options": "i"}}}',
    '{"$or": [{"gender": 0}, {"disable": true}], "age": {"$gte": 18, "$lt": 65}}',
    '{"lastlogin": {"$gte": {"$date": "2024-01-01T00:00:00Z"}}}',
    '{"tags": {"$all": ["a", {"$elemMatch": {"$gt": 1}}]}, "n": {"$in": [1, 2]}, "m": {"$nin": []}}',
    '{"items": {"$elemMatch": {"qty": {"$gt": 5}, "$or": [{"sku": "a"}, {"sku": "b"}]}}}',
    '{"name": {"$not": {"$regex": "x"}}, "x": {"$exists": false}, "t": {"$type": ["string", 2]}}',
    '{"n": {"$mod": [4, 0]}, "a": {"$size": 2}, "b": {"$bitsAllSet": [1, 5]}}',
    '{"$expr": {"$gt": [{"$add": ["$a", 1]}, {"$literal": 5}]}}',
    '{"loc": {"$geoWithin": {"$centerSphere": [[0, 0], 1]}}}',
    '{"$text": {"$search": "coffee", "$caseSensitive": false}}',
    '{"$jsonSchema": {"required": ["name"]}, "$comment": "audit"}',
    '{"profile": {"city": "Oxford"}}',
  ])('lets %s through', (text) => {
    expect(() => check(text)).not.toThrow();
  });

  it.each([
    ['{"$where": "sleep(1000)"}', '$where'],
    ['{"$where": "1", "a": 1}', '$where'],
    ['{"a": {"$where": "1"}}', '$where'],
    ['{"$and": [{"$or": [{"b": {"$elemMatch": {"$where": "1"}}}]}]}', '$where'],
    ['{"$expr": {"$function": {"body": "function () { return true }", "args": [], "lang": "js"}}}', '$function'],
    ['{"$expr": {"$and": [{"$eq": [1, 1]}, {"$accumulator": {}}]}}', '$accumulator'],
    ['{"$expr": {"$literal": {"$where": "1"}}}', '$where'],
    ['{"a": {"b": {"$function": {}}}}', '$function'],
    ['{"a": {"$in": [{"$where": "1"}]}}', '$where'],
    ['{"$comment": {"$accumulator": 1}}', '$accumulator'],
    ['{"$jsonSchema": {"properties": {"$where": {}}}}', '$where'],
  ])('refuses %s with operator not allowed: %s, wherever it is nested', (text, operator) => {
    const error = refusal(text);
    expect(error.message).toBe(`operator not allowed: ${operator}`);
    expect(error.code).toBe('reader.operator_not_allowed');
  });

  it.each([
    ['{"$foo": 1}', 'unknown operator: $foo'],
    ['{"a": {"$foo": 1}}', 'unknown operator: $foo'],
    ['{"$expr": {"$foo": [1]}}', 'unknown operator: $foo'],
    ['{"$text": {"$search": "x", "$fuzzy": true}}', 'unknown operator: $fuzzy'],
    ['{"$gt": 1}', 'criteria: $gt must follow a field name'],
    ['{"a": {"$and": [{"b": 1}]}}', 'criteria: $and cannot be applied to the field a'],
    ['{"a": {"$gt": 1, "b": 2}}', 'criteria: the value of a mixes operators with the field "b"'],
    ['{"a": {"$in": 1}}', 'criteria: $in on a takes an array'],
    ['{"$or": []}', 'criteria: $or takes a non-empty array of objects'],
    ['{"$and": [1]}', 'criteria: $and takes a non-empty array of objects'],
    ['{"a": {"$size": -1}}', 'criteria: $size on a takes a whole number of at least 0'],
    ['{"a": {"$mod": [4]}}', 'criteria: $mod on a takes [divisor, remainder]'],
    ['{"a": {"$options": "i"}}', 'criteria: $options on a needs $regex beside it'],
    ['{"a": {"$regex": 5}}', 'criteria: $regex on a takes a string or a regular expression'],
    ['{"a": {"$not": {"b": 1}}}', 'criteria: $not on a takes a regular expression or an operator object'],
    ['{"a..b": 1}', 'criteria: "a..b" is not a field path'],
  ])('refuses %s clearly', (text, message) => {
    expect(refusal(text).message).toContain(message);
  });

  it('reports the fields the criteria name, inside $elemMatch and $expr too', () => {
    expect(
      check('{"a": 1, "$or": [{"b.c": 2}], "items": {"$elemMatch": {"qty": 1}}, "$expr": {"$eq": ["$d.e", "$$NOW"]}}'),
    ).toEqual({
      paths: ['a', 'b.c', 'items', 'items.qty', 'd.e'],
      readsAnyField: false,
    });
  });

  it.each([
    '{"$expr": {"$eq": [{"$size": {"$objectToArray": "$$ROOT"}}, 3]}}',
    '{"$expr": {"$eq": [{"$getField": "salary"}, 1]}}',
    '{"$jsonSchema": {"required": ["salary"]}}',
    '{"$text": {"$search": "x"}}',
  ])('knows %s may read any field', (text) => {
    expect(check(text).readsAnyField).toBe(true);
  });
});
