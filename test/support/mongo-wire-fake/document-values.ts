import { Decimal128, Double, EJSON, Int32, Long, Timestamp, deserialize, serialize, type Document } from 'bson';

/** A deep copy that keeps BSON types (ObjectId, Long, Binary...), as a round trip through the wire would. */
export function cloneDocument(document: Document): Document {
  return deserialize(serialize(document));
}

/** True when both values encode to the same canonical Extended JSON (types included). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** Canonical Extended JSON of a value, a stable key for comparing or indexing it. */
export function canonical(value: unknown): string {
  return EJSON.stringify(value === undefined ? null : value, { relaxed: false });
}

/** A plain object (not an array, not a BSON value such as ObjectId). */
export function isPlainObject(value: unknown): value is Document {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** The value at a dotted path such as `a.b.c`; undefined when a step is missing. */
export function getPath(document: Document, path: string): unknown {
  let current: unknown = document;
  for (const step of path.split('.')) {
    if (!isPlainObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Document)[step];
  }
  return current;
}

/** Sets the value at a dotted path, creating the objects on the way. */
export function setPath(document: Document, path: string, value: unknown): void {
  const steps = path.split('.');
  const last = steps.pop() as string;
  let current = document;
  for (const step of steps) {
    if (!isPlainObject(current[step])) current[step] = {};
    current = current[step] as Document;
  }
  current[last] = value;
}

/** A BSON number as a JavaScript number (int64 and decimal may lose precision); undefined for anything else. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof Timestamp) return undefined;
  if (value instanceof Long) return value.toNumber();
  if (value instanceof Int32 || value instanceof Double) return value.valueOf();
  if (value instanceof Decimal128) return Number(value.toString());
  return undefined;
}
