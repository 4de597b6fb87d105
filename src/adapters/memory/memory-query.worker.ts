import { deserialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { ReaderError } from '../../domain/reader/reader.errors.js';
import { MemoryCollections } from './memory-collections.js';
import { memoryQueryRequest, readerDocuments, type MemoryQueryReply, type MemoryQueryRequest } from './memory-query.protocol.js';

/**
 * The memory source's query thread: it holds its own copy of the collections and runs one query at
 * a time, so that the server's thread never waits on one, and a query over its time limit is
 * stopped by ending this thread (the source then starts another from the same snapshots).
 */
const collections = new MemoryCollections();

parentPort?.on('message', (message: unknown) => {
  const request = memoryQueryRequest.parse(message);
  if (request.op === 'load') {
    collections.load(request.namespace, readerDocuments.parse(deserialize(new Uint8Array(request.snapshot))));
    return;
  }
  parentPort?.postMessage(answer(request));
});

function answer(request: Exclude<MemoryQueryRequest, { op: 'load' }>): MemoryQueryReply {
  try {
    return { id: request.id, ok: true, value: run(request) };
  } catch (error) {
    return {
      id: request.id,
      ok: false,
      refused: error instanceof ReaderError,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

function run(request: Exclude<MemoryQueryRequest, { op: 'load' }>): unknown {
  switch (request.op) {
    case 'ping':
      return null;
    case 'find':
      return collections.find(request.query);
    case 'select':
      return collections.select(request.query);
    case 'fetch':
      return collections.fetch(request.namespace, request.positions, request.projection, request.masks);
    case 'count':
      return collections.count(request.namespace, request.criteria);
    case 'stats':
      return collections.stats(request.namespace);
  }
}
