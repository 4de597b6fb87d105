// The peers Signet is measured against, each the same route on Koa 3 and @koa/router, run as
// `node bench/peers/peer-server.js <bare|hawk|hmac>` with PORT and HOST set. Plain JavaScript, run
// by node itself, as the compiled Signet is:
//
// - bare: the route alone;
// - hawk: behind @hapi/hawk's server authentication, as its documentation recommends it: SHA-256,
//   the default 60 s clock skew, and a nonce check (Hawk leaves replay protection to the server's
//   nonceFunc; this one remembers nonces in memory for twice the skew);
// - hmac: behind a minimal hand-written HMAC-SHA256 check of `METHOD\npath?query\ntimestamp`, a
//   timing-safe comparison and a 300 s clock window, without replay protection: what a team writes
//   in an afternoon.
import { createHmac, timingSafeEqual } from 'node:crypto';
import Hawk from '@hapi/hawk';
import { Router } from '@koa/router';
import Koa from 'koa';
import { PEER_KEY } from './peer-key-value.js';

const mode = process.argv[2];
const guards = { bare: null, hawk: hawkAuthentication(), hmac: hmacAuthentication() };
if (!(mode in guards)) throw new Error(`unknown peer "${mode}": bare, hawk or hmac`);
const guard = guards[mode];

const app = new Koa();
const router = new Router();
router.get('/api/hello/', ...(guard ? [guard] : []), (ctx) => {
  ctx.body = { hello: 'world', user: null };
});
router.get('/ready', (ctx) => {
  ctx.body = { ready: true };
});
app.use(router.routes());
app.use(router.allowedMethods());
const server = app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
// As long as Signet keeps idle connections, so that neither side reconnects more between rounds.
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));

function hawkAuthentication() {
  const credentials = { id: PEER_KEY.id, key: PEER_KEY.secret, algorithm: 'sha256' };
  const seen = new Map();
  const skewSeconds = 60;
  // Expired nonces are swept when the map has doubled since the last sweep: constant cost per request.
  let sweepAt = 10_000;
  return async function hawk(ctx, next) {
    try {
      await Hawk.server.authenticate(ctx.req, (id) => (id === credentials.id ? credentials : null), {
        timestampSkewSec: skewSeconds,
        // A Hawk nonce is 6 characters: unique within a key and a second, as its documentation
        // asks, but not across thousands of seconds and requests.
        nonceFunc: (key, nonce, ts) => {
          const now = Date.now();
          const id = `${key}:${ts}:${nonce}`;
          if ((seen.get(id) ?? 0) > now) throw new Error('replayed nonce');
          seen.set(id, now + 2 * skewSeconds * 1000);
          if (seen.size > sweepAt) {
            for (const [old, until] of seen) if (until <= now) seen.delete(old);
            sweepAt = Math.max(10_000, seen.size * 2);
          }
        },
      });
    } catch {
      ctx.status = 401;
      ctx.body = { error: 'unauthorized' };
      return;
    }
    await next();
  };
}

function hmacAuthentication() {
  return async function hmac(ctx, next) {
    const timestamp = ctx.get('X-Timestamp');
    const given = Buffer.from(ctx.get('X-Signature'), 'hex');
    const expected = createHmac('sha256', PEER_KEY.secret).update(`${ctx.method}\n${ctx.originalUrl}\n${timestamp}`).digest();
    const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;
    if (!fresh || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      ctx.status = 401;
      ctx.body = { error: 'unauthorized' };
      return;
    }
    await next();
  };
}
