import type { CountQuery, FindQuery } from './document-source.port.js';
import { applyMasks, type FieldMask } from './field-mask.js';
import { pathsOverlap, withoutPaths, isWithin } from './field-path.js';
import type { Namespace } from './namespace.js';
import { ALL_FIELDS, excluding, type Projection } from './projection.js';
import type { Permit } from './query-permissioning.js';
import { readerErrors } from './reader.errors.js';
import { effectiveLimit, type ReaderLimits } from './reader-limits.js';
import type { Criteria, ExportColumn, ExportRequest, FindRequest } from './reader-request.js';
import { documentOf, type ReaderDocument } from './reader-value.js';
import type { SortKey } from './sort-spec.js';

/**
 * The query a source runs for a permitted find: the rule's pin added to the criteria (the caller
 * cannot loosen it), hidden fields kept out of the criteria, the sort and the projection, and the
 * limit capped by the configuration and the rule.
 */
export function permittedFind(request: FindRequest, permit: Permit, limits: ReaderLimits): FindQuery {
  refuseHidden(request.criteria, request.sort, request.projection.mode === 'include' ? request.projection.paths : [], permit);
  const cap = Math.min(limits.maxLimit, permit.maxLimit ?? Infinity);
  return {
    namespace: request.namespace,
    criteria: pinned(request.criteria.document, permit),
    projection: excluding(request.projection, permit.hiddenFields),
    sort: request.sort,
    skip: request.skip,
    limit: effectiveLimit(request.limit, limits.defaultLimit, cap),
    maxTimeMs: limits.maxTimeMs,
    ...masked(permit),
  };
}

export function permittedCount(namespace: Namespace, criteria: Criteria, permit: Permit, limits: ReaderLimits): CountQuery {
  refuseHidden(criteria, [], [], permit);
  return { namespace, criteria: pinned(criteria.document, permit), maxTimeMs: limits.maxTimeMs };
}

/** The field overview's sample: the first documents that match, no more than the rule lets one query return. */
export function permittedSample(namespace: Namespace, criteria: Criteria, permit: Permit, limits: ReaderLimits): FindQuery {
  refuseHidden(criteria, [], [], permit);
  const size = Math.min(limits.sampleSize, limits.maxLimit, permit.maxLimit ?? Infinity);
  return {
    ...sourceFind(namespace, pinned(criteria.document, permit), excluding(ALL_FIELDS, permit.hiddenFields), [], size, limits),
    ...masked(permit),
  };
}

/** An export: the columns' fields only, at most the configured rows (and the rule's cap, when it sets one). */
export function permittedExport(
  request: ExportRequest,
  permit: Permit,
  limits: ReaderLimits,
): { query: FindQuery; columns: readonly ExportColumn[] } {
  const paths = request.columns.map((column) => column.path);
  refuseHidden(request.criteria, request.sort, paths, permit);
  const projection: Projection = {
    mode: 'include',
    paths: paths.filter((path) => path !== '_id'),
    withId: paths.includes('_id'),
  };
  const rows = Math.min(limits.exportMaxRows, permit.maxLimit ?? Infinity);
  return {
    query: {
      ...sourceFind(request.namespace, pinned(request.criteria.document, permit), projection, request.sort, rows, limits),
      ...masked(permit),
    },
    columns: request.columns,
  };
}

/**
 * A document as the caller may see it, whatever the source returned: hidden fields taken out, masked
 * ones masked (again: a source masks them itself, and masking a masked value changes nothing).
 */
export function visible(document: ReaderDocument, permit: Permit): ReaderDocument {
  const shown = permit.hiddenFields.length === 0 ? document : withoutPaths(document, permit.hiddenFields);
  return applyMasks(shown, permit.masks);
}

/** The rule's masks, for the source to apply in its query; nothing when there are none. */
function masked(permit: Permit): { masks?: readonly FieldMask[] } {
  return permit.masks && permit.masks.length > 0 ? { masks: permit.masks } : {};
}

function sourceFind(
  namespace: Namespace,
  criteria: ReaderDocument,
  projection: Projection,
  sort: readonly SortKey[],
  limit: number,
  limits: ReaderLimits,
): FindQuery {
  return { namespace, criteria, projection, sort, skip: 0, limit, maxTimeMs: limits.maxTimeMs };
}

function pinned(criteria: ReaderDocument, permit: Permit): ReaderDocument {
  if (permit.pin.length === 0) return criteria;
  const pin = documentOf(permit.pin);
  return criteria.entries.length === 0 ? pin : documentOf([['$and', [criteria, pin]]]);
}

/**
 * Refuses a query that would reveal a hidden field: criteria or a sort that touch it (or a field
 * around it, whose comparison would reveal it), criteria that may read any field, or asking for the
 * field itself. Asking for a field around a hidden one is fine: what comes back has it taken out.
 */
function refuseHidden(criteria: Criteria, sort: readonly SortKey[], requested: readonly string[], permit: Permit): void {
  // A masked field may be asked for (it comes back masked), but is refused in criteria and sorts as a hidden one is.
  const hidden = [...permit.hiddenFields, ...(permit.masks ?? []).map((mask) => mask.path)];
  if (hidden.length === 0) return;
  if (criteria.facts.readsAnyField) {
    throw readerErrors.permissionDisallowed(
      'fields are hidden here, and these criteria could read any field ($expr over the whole document, $jsonSchema, $text)',
    );
  }
  const touched = [...criteria.facts.paths, ...sort.map((key) => key.path)].find((path) =>
    hidden.some((secret) => pathsOverlap(path, secret)),
  );
  if (touched !== undefined) throw readerErrors.permissionDisallowed(`${touched} is or holds a hidden field`);
  const asked = requested.find((path) => permit.hiddenFields.some((secret) => isWithin(path, secret)));
  if (asked !== undefined) throw readerErrors.permissionDisallowed(`the field ${asked} is hidden`);
}
