import { serialize } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { namespaceText, type Namespace } from '../../domain/reader/namespace.js';
import { ReaderError, readerErrors } from '../../domain/reader/reader.errors.js';
import { LATE, withinDeadline } from '../deadline.js';
import { memoryQueryReply, type MemoryQuery, type MemoryQueryRequest } from './memory-query.protocol.js';
import { startModuleWorker } from './module-worker.js';

type LoadRequest = Extract<MemoryQueryRequest, { op: 'load' }>;

/**
 * Runs the memory source's queries on a thread of their own, one at a time, each within its time
 * limit: a query still running at its limit (a regular expression that backtracks without end, a
 * sort of a large collection) ends the thread, is answered as MongoDB answers maxTimeMS, and the
 * next query gets a new thread loaded from the same snapshots. The server's own thread only posts
 * messages, so it never waits on a query. The limit counts from the moment the query starts on a
 * ready thread, as MongoDB counts a query's own time; queries queued behind it wait their turn.
 */
export class MemoryQueryThread {
  private readonly snapshots = new Map<string, LoadRequest>();
  private queue: Promise<unknown> = Promise.resolve();
  private current: QueryWorker | null = null;
  private closed = false;

  /** Hands `documents` to every query thread from now on: serialized once, shared, never copied again. */
  load(namespace: Namespace, documents: readonly unknown[]): void {
    const bytes = serialize(documents);
    const snapshot = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(snapshot).set(bytes);
    const request: LoadRequest = { op: 'load', namespace, snapshot };
    this.snapshots.set(namespaceText(namespace), request);
    this.current?.load(request);
  }

  /** Starts the thread ahead of the first query, so that it does not wait for one to load. */
  warm(): void {
    if (!this.closed) this.worker();
  }

  /** The thread's answer to `query`, or a bad-query ReaderError once it runs past `maxTimeMs`. */
  run(query: MemoryQuery, maxTimeMs: number): Promise<unknown> {
    const turn = this.queue.then(() => this.runNow(query, maxTimeMs));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  async close(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = null;
    await current?.terminate();
  }

  private async runNow(query: MemoryQuery, maxTimeMs: number): Promise<unknown> {
    if (this.closed) throw new Error('the memory document source is closed');
    const worker = this.worker();
    await worker.ready;
    const outcome = await withinDeadline(worker.request(query), maxTimeMs);
    if (outcome !== LATE) return outcome;
    if (this.current === worker) this.current = null;
    void worker.terminate();
    // The next thread starts loading now, so that the next query need not wait for it.
    this.warm();
    throw readerErrors.timeLimit(maxTimeMs);
  }

  private worker(): QueryWorker {
    if (this.current === null || this.current.ended) {
      this.current = new QueryWorker(startModuleWorker(import.meta.url, 'memory-query.worker'));
      for (const snapshot of this.snapshots.values()) this.current.load(snapshot);
    }
    return this.current;
  }
}

/** One thread: its pending requests by id, kept alive (ref) only while one is pending. */
class QueryWorker {
  ended = false;
  /** Settles once every load sent so far is done. */
  ready: Promise<unknown> = Promise.resolve();
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  constructor(private readonly thread: Worker) {
    thread.unref();
    thread.on('message', (message: unknown) => this.settle(message));
    thread.on('error', (error) => this.end(error));
    thread.on('exit', (code) => this.end(new Error(`the memory source's query thread stopped (exit code ${code})`)));
  }

  load(snapshot: LoadRequest): void {
    this.thread.postMessage(snapshot);
    this.ready = this.request({ op: 'ping' }).catch(() => undefined);
  }

  request(query: MemoryQuery): Promise<unknown> {
    if (this.ended) return Promise.reject(new Error("the memory source's query thread has stopped"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.thread.ref();
      this.thread.postMessage({ ...query, id });
    });
  }

  async terminate(): Promise<void> {
    this.end(new Error("the memory source's query thread was stopped"));
    await this.thread.terminate();
  }

  private settle(message: unknown): void {
    const reply = memoryQueryReply.parse(message);
    const waiting = this.pending.get(reply.id);
    if (waiting === undefined) return;
    this.forget(reply.id);
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(reply.refused ? new ReaderError('reader.bad_query', reply.message) : new Error(reply.message));
  }

  private end(error: Error): void {
    this.ended = true;
    for (const [id, waiting] of this.pending) {
      this.forget(id);
      waiting.reject(error);
    }
  }

  private forget(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.thread.unref();
  }
}
