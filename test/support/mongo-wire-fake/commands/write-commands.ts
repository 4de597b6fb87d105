import { ObjectId, type Document } from 'bson';
import { CommandFailure, okReply } from '../command-failure.js';
import { sameValue } from '../document-values.js';
import type { FakeCollection } from '../fake-catalog.js';
import { checkHint } from '../hint.js';
import { matching, projected } from '../query-language.js';
import { updatedDocument, upsertedDocument } from '../update-document.js';
import { collectionName, optionalDocument, optionalNumber, requiredDocuments, type CommandSpec } from './command-context.js';
import { checkCollation, checkKnownFields, type FieldList } from './known-fields.js';

/** Fields a real server takes on every batch write that only its cluster machinery uses. */
const internalWriteFields = ['stmtIds', 'isTimeseriesNamespace', 'collectionUUID', 'encryptionInformation'];

/**
 * Checks the fields of every statement of a batch write (a malformed one fails the whole command,
 * as a server's parser does), then runs each. A CommandFailure from one statement becomes a write error
 * (`{ index, code, errmsg }`), as a real server reports it; an ordered batch stops there.
 */
function eachStatement(
  command: Document,
  field: string,
  statementFields: FieldList | undefined,
  run: (statement: Document, index: number) => void,
): Document[] {
  const name = Object.keys(command)[0] ?? '';
  const statements = requiredDocuments(command, field);
  if (statementFields) {
    for (const statement of statements) {
      checkKnownFields(`${name}.${field}`, statement, statementFields);
      checkCollation(statement.collation, `${name}.${field}`);
    }
  }
  const ordered = command.ordered !== false;
  const writeErrors: Document[] = [];
  for (const [index, statement] of statements.entries()) {
    try {
      run(statement, index);
    } catch (error) {
      if (!(error instanceof CommandFailure)) throw error;
      writeErrors.push({ index, code: error.code, errmsg: error.message, ...error.extra });
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withWriteErrors(reply: Document, writeErrors: Document[]): Document {
  return okReply(writeErrors.length > 0 ? { ...reply, writeErrors } : reply);
}

function filterOf(statement: Document, field: string): Document {
  const filter = optionalDocument(statement, field);
  if (!filter) throw new CommandFailure('Location40414', `BSON field '${field}' is missing but a required field`);
  return filter;
}

function arrayFiltersOf(document: Document): Document[] | undefined {
  return document.arrayFilters === undefined ? undefined : requiredDocuments(document, 'arrayFilters');
}

const insert: CommandSpec = {
  // bypassDocumentValidation: the fake validates no document, so there is nothing to bypass.
  fields: { honoured: ['documents', 'ordered', 'bypassDocumentValidation'], refused: internalWriteFields },
  writes: true,
  run: (command, context) => {
    const { collection } = context.catalog.obtain(context.db, collectionName(command));
    let n = 0;
    // The statements of an insert are the documents themselves: any field goes.
    const writeErrors = eachStatement(command, 'documents', undefined, (document) => {
      // A real server stores _id as the first field, generating it when the client did not.
      const { _id, ...fields } = document;
      collection.insert({ _id: _id === undefined ? new ObjectId() : _id, ...fields });
      n += 1;
    });
    return withWriteErrors({ n }, writeErrors);
  },
};

/** Update statements: `c` (constants for `let`) and the cluster's fields are refused. */
const updateStatementFields: FieldList = {
  honoured: ['q', 'u', 'upsert', 'multi', 'arrayFilters', 'hint', 'collation'],
  refused: ['c', 'sampleId', 'upsertSupplement', '$_allowShardKeyUpdatesWithoutFullShardKey'],
};

const update: CommandSpec = {
  fields: { honoured: ['updates', 'ordered', 'bypassDocumentValidation'], refused: ['let', ...internalWriteFields] },
  writes: true,
  run: (command, context) => {
    const name = collectionName(command);
    let n = 0;
    let nModified = 0;
    const upserted: Document[] = [];
    const writeErrors = eachStatement(command, 'updates', updateStatementFields, (statement, index) => {
      const q = filterOf(statement, 'q');
      const arrayFilters = arrayFiltersOf(statement);
      const existing = context.catalog.find(context.db, name);
      checkHint(statement.hint, existing);
      const found = existing ? matching(existing.documents, q) : [];
      const targets = statement.multi === true ? found : found.slice(0, 1);
      if (targets.length === 0) {
        if (statement.upsert !== true) return;
        const document = upsertedDocument(q, statement.u, arrayFilters);
        context.catalog.obtain(context.db, name).collection.insert(document);
        upserted.push({ index, _id: document._id });
        n += 1;
        return;
      }
      for (const previous of targets) {
        const next = updatedDocument(previous, statement.u, arrayFilters);
        n += 1;
        if (sameValue(next, previous)) continue;
        existing?.replace(previous, next);
        nModified += 1;
      }
    });
    return withWriteErrors({ n, nModified, ...(upserted.length > 0 ? { upserted } : {}) }, writeErrors);
  },
};

const remove: CommandSpec = {
  fields: { honoured: ['deletes', 'ordered'], refused: ['let', ...internalWriteFields] },
  writes: true,
  run: (command, context) => {
    const collection = context.catalog.find(context.db, collectionName(command));
    let n = 0;
    const statementFields = { honoured: ['q', 'limit', 'hint', 'collation'], refused: ['sampleId'] };
    const writeErrors = eachStatement(command, 'deletes', statementFields, (statement) => {
      const limit = optionalNumber(statement, 'limit');
      if (limit !== 0 && limit !== 1) {
        throw new CommandFailure('FailedToParse', 'The limit field in delete objects must be 0 or 1');
      }
      checkHint(statement.hint, collection);
      if (!collection) return;
      const found = matching(collection.documents, filterOf(statement, 'q'));
      const targets = limit === 1 ? found.slice(0, 1) : found;
      collection.remove(new Set(targets));
      n += targets.length;
    });
    return withWriteErrors({ n }, writeErrors);
  },
};

const findAndModify: CommandSpec = {
  fields: {
    honoured: [
      'query',
      'fields',
      'sort',
      'remove',
      'update',
      'new',
      'upsert',
      'bypassDocumentValidation',
      'arrayFilters',
      'hint',
      'collation',
    ],
    refused: ['let', 'stmtId', 'encryptionInformation', 'sampleId', '$_allowShardKeyUpdatesWithoutFullShardKey'],
  },
  writes: true,
  run: (command, context) => {
    checkCollation(command.collation, 'findAndModify');
    const name = collectionName(command);
    const query = optionalDocument(command, 'query') ?? {};
    const fields = optionalDocument(command, 'fields');
    const returnNew = command.new === true;
    const existing: FakeCollection | undefined = context.catalog.find(context.db, name);
    checkHint(command.hint, existing);
    const previous = existing ? matching(existing.documents, query, optionalDocument(command, 'sort'))[0] : undefined;
    const shown = (document: Document | undefined): Document | null =>
      document ? (projected([document], fields)[0] ?? null) : null;

    if (command.remove === true) {
      if (previous) existing?.remove(new Set([previous]));
      return okReply({ lastErrorObject: { n: previous ? 1 : 0 }, value: shown(previous) });
    }
    if (command.update === undefined) {
      throw new CommandFailure('FailedToParse', 'Either an update or remove=true must be specified');
    }
    const arrayFilters = arrayFiltersOf(command);
    if (previous && existing) {
      const next = updatedDocument(previous, command.update, arrayFilters);
      if (!sameValue(next, previous)) existing.replace(previous, next);
      return okReply({ lastErrorObject: { n: 1, updatedExisting: true }, value: shown(returnNew ? next : previous) });
    }
    if (command.upsert !== true) return okReply({ lastErrorObject: { n: 0, updatedExisting: false }, value: null });
    const document = upsertedDocument(query, command.update, arrayFilters);
    context.catalog.obtain(context.db, name).collection.insert(document);
    return okReply({
      lastErrorObject: { n: 1, updatedExisting: false, upserted: document._id },
      value: returnNew ? shown(document) : null,
    });
  },
};

export const writeCommands: Record<string, CommandSpec> = { insert, update, delete: remove, findAndModify };
