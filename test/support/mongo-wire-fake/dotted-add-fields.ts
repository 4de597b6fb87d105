import type { Document } from 'bson';
import { notSupported } from './command-failure.js';
import { isPlainObject } from './document-values.js';

/** The temporary top-level name a dotted field's value is computed under, before it is moved into place. */
const computed = (index: number): string => `__fakeComputed${index}`;

/**
 * `$addFields` (and `$set`) with dotted field names, as a server applies them: the expression is
 * evaluated on the whole document, and the value written at the path, into every element where a
 * step of the path is an array of documents; `$$REMOVE` writes nothing. mingo writes a dotted name
 * only through embedded documents and leaves arrays as they were, so the fake computes each dotted
 * field under a temporary top-level name with mingo (`run`) and moves it into place itself. An
 * array element that is not a document is refused: what a server makes of it is not served here.
 */
export function addDottedFields(
  documents: Document[],
  spec: Document,
  run: (documents: Document[], spec: Document) => Document[],
): Document[] {
  const dotted = Object.keys(spec).filter((path) => path.includes('.'));
  if (dotted.length === 0) return run(documents, spec);
  const renamed: Document = {};
  for (const [path, expression] of Object.entries(spec)) {
    const index = dotted.indexOf(path);
    renamed[index < 0 ? path : computed(index)] = expression;
  }
  return run(documents, renamed).map((document) => {
    dotted.forEach((path, index) => {
      const name = computed(index);
      const present = Object.hasOwn(document, name);
      const value: unknown = document[name];
      Reflect.deleteProperty(document, name);
      if (present) writeAt(document, path.split('.'), value);
    });
    return document;
  });
}

function writeAt(target: Document, steps: readonly string[], value: unknown): void {
  const [step, ...rest] = steps;
  if (step === undefined) return;
  if (rest.length === 0) {
    target[step] = value;
    return;
  }
  const inner: unknown = target[step];
  if (Array.isArray(inner)) {
    for (const element of inner) {
      if (!isPlainObject(element)) throw notSupported('$addFields through an array that holds values other than documents');
      writeAt(element, rest, value);
    }
    return;
  }
  if (isPlainObject(inner)) {
    writeAt(inner, rest, value);
    return;
  }
  if (inner === undefined) {
    const created: Document = {};
    target[step] = created;
    writeAt(created, rest, value);
    return;
  }
  throw notSupported('$addFields through a field that is not a document');
}
