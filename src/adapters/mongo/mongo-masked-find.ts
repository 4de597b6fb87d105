import type { Document } from 'mongodb';
import type { FindQuery } from '../../domain/reader/document-source.port.js';
import { MASKED, type FieldMask, type MaskKind } from '../../domain/reader/field-mask.js';
import { projectionOf, sortOf, topLevel } from './mongo-query-parts.js';

/**
 * A find whose result has masked fields, as an aggregation: the find's own stages, then
 * `$addFields` replacing each masked field by an expression of it, so that the server sends the
 * masked value only. The expressions compute what the domain's `maskValue` does (characters as
 * code points: `$strLenCP`, `$substrCP`), with operators a server has had since 3.6.
 */
export function maskedFindPipeline(query: FindQuery & { masks: readonly FieldMask[] }): Document[] {
  const projection = projectionOf(query.projection);
  const sort = sortOf(query.sort);
  return [
    { $match: topLevel(query.criteria) },
    ...(sort === undefined ? [] : [{ $sort: sort }]),
    ...(query.skip > 0 ? [{ $skip: query.skip }] : []),
    { $limit: query.limit },
    ...(projection === undefined ? [] : [{ $project: projection }]),
    { $addFields: Object.fromEntries(query.masks.map((mask) => [mask.path, maskExpression(`$${mask.path}`, mask.kind)])) },
  ];
}

/** Missing stays missing, null stays null, a value that is not a string is `***`, a string is masked by its kind. */
function maskExpression(field: string, kind: MaskKind): Document {
  return {
    $switch: {
      branches: [
        { case: { $eq: [{ $type: field }, 'missing'] }, then: '$$REMOVE' },
        { case: { $eq: [{ $type: field }, 'null'] }, then: null },
        { case: { $ne: [{ $type: field }, 'string'] }, then: MASKED },
      ],
      default: kind === 'email' ? emailMask(field) : last4Mask(field),
    },
  };
}

/** `a***@example.com`: the first character, then everything from the first `@`; `***` without a local part. */
function emailMask(field: string): Document {
  return {
    $let: {
      vars: { local: { $strLenCP: { $arrayElemAt: [{ $split: [field, '@'] }, 0] } }, length: { $strLenCP: field } },
      in: {
        $cond: [
          { $and: [{ $gt: ['$$local', 0] }, { $lt: ['$$local', '$$length'] }] },
          {
            $concat: [
              { $substrCP: [field, 0, 1] },
              MASKED,
              { $substrCP: [field, '$$local', { $subtract: ['$$length', '$$local'] }] },
            ],
          },
          MASKED,
        ],
      },
    },
  };
}

/** `***4567`: the last four characters; `***` for four or fewer. */
function last4Mask(field: string): Document {
  return {
    $let: {
      vars: { length: { $strLenCP: field } },
      in: {
        $cond: [
          { $gt: ['$$length', 4] },
          { $concat: [MASKED, { $substrCP: [field, { $subtract: ['$$length', 4] }, 4] }] },
          MASKED,
        ],
      },
    },
  };
}
