// The reader's baseline: the query of the `reader` scenario (50 documents of the demo collection,
// sorted by name) called directly on the same in-memory source Signet reads, from a bare Koa route,
// its documents written as the same relaxed Extended JSON, by the same function. No session, no policy, no parsing of
// the request: what `_find` costs over this is what Signet's reader adds to a query.
//
// Run as `node bench/peers/reader-direct-server.js BUILD_DIR PARAMETERS` with PORT and HOST set,
// where BUILD_DIR holds Signet compiled by `npm run build` and PARAMETERS is the query string of
// the `_find` as a JSON object (the bench passes both).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Router } from '@koa/router';
import Koa from 'koa';

const [build, parameters] = process.argv.slice(2);
if (!build || !parameters) throw new Error('usage: reader-direct-server.js BUILD_DIR PARAMETERS');
const load = (path) => import(pathToFileURL(resolve(build, path)).href);
const { MemoryDocumentSource } = await load('adapters/memory/memory-document-source.js');
const { DEMO_NAMESPACE, demoDocuments } = await load('application/reader/reader-demo.js');
const { permittedFind } = await load('domain/reader/permitted-query.js');
const { DEFAULT_READER_LIMITS } = await load('domain/reader/reader-limits.js');
const { parseFindRequest } = await load('domain/reader/reader-request.js');
const { relaxedText } = await load('domain/reader/relaxed-json.js');

const source = new MemoryDocumentSource();
await source.seedIfEmpty(DEMO_NAMESPACE, demoDocuments());
const query = permittedFind(
  parseFindRequest({ ...DEMO_NAMESPACE, parameters: JSON.parse(parameters) }),
  { pin: [], hiddenFields: [], maxLimit: undefined },
  DEFAULT_READER_LIMITS,
);

const app = new Koa();
const router = new Router();
router.get('/direct/find', async (ctx) => {
  const documents = await source.find(query);
  ctx.type = 'application/json';
  ctx.body = `{"ok":1,"results":[${documents.map(relaxedText).join(',')}]}`;
});
router.get('/ready', (ctx) => {
  ctx.body = { ready: true };
});
app.use(router.routes());
const server = app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));
