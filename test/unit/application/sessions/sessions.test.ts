import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../../src/adapters/memory/memory-cache.js';
import { CryptoRandomSource } from '../../../../src/adapters/system/crypto-random-source.js';
import { EndSession } from '../../../../src/application/sessions/end-session.js';
import { EndUserSessions } from '../../../../src/application/sessions/end-user-sessions.js';
import { LoadSession } from '../../../../src/application/sessions/load-session.js';
import { StartSession } from '../../../../src/application/sessions/start-session.js';
import type { Cache } from '../../../../src/domain/backends/cache.port.js';
import { sessionFloorKey, sessionKey } from '../../../../src/domain/sessions/session.js';
import { CallCounter } from '../../../support/counting-ports.js';
import { FixedClock } from '../../../support/fixed-clock.js';

describe('sessions, as use cases on a memory cache', () => {
  let clock: FixedClock;
  let calls: CallCounter;
  let cache: Cache;
  let start: StartSession;
  let load: LoadSession;
  let end: EndSession;

  beforeEach(() => {
    clock = new FixedClock();
    calls = new CallCounter();
    cache = calls.wrap('cache', new MemoryCache({ clock }));
    start = new StartSession({ cache, clock, random: new CryptoRandomSource() });
    load = new LoadSession({ cache, clock });
    end = new EndSession({ cache });
  });

  it('starts a session under a new 256-bit id, kept in the cache only by its digest', async () => {
    const { id, session } = await start.execute('alice', null);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session).toMatchObject({ username: 'alice', createdAt: clock.now(), lastSeenAt: clock.now() });
    expect(await cache.get(`session:${id}`)).toBeNull();
    expect(await cache.get(sessionKey(id))).not.toBeNull();
  });

  it('ends the session it replaces', async () => {
    const first = await start.execute('alice', null);
    await start.execute('bob', null, first.id);
    expect(await load.execute(first.id)).toBeNull();
  });

  it("writes the last-seen time back only once it is a minute stale: a busy page costs two reads (the session, its user's floor)", async () => {
    const { id } = await start.execute('alice', null);
    calls.reset();
    clock.advance(30);
    await load.execute(id);
    expect(calls.calls).toEqual(['cache.get', 'cache.get']);
    calls.reset();
    clock.advance(31);
    expect((await load.execute(id))?.lastSeenAt).toBe(clock.now());
    expect(calls.calls).toEqual(['cache.get', 'cache.get', 'cache.replace']);
  });

  it("ends every session a user began before their sessions were ended, in the same millisecond too, and no one else's", async () => {
    const endAll = new EndUserSessions({ cache, random: new CryptoRandomSource() });
    const laptop = await start.execute('alice', null);
    const phone = await start.execute('alice', null);
    const bob = await start.execute('bob', null);
    await endAll.execute('alice');
    expect(await load.execute(laptop.id)).toBeNull();
    expect(await load.execute(phone.id)).toBeNull();
    expect(await cache.get(sessionKey(laptop.id))).toBeNull();
    expect(await load.execute(bob.id)).not.toBeNull();
    const again = await start.execute('alice', await cache.get(sessionFloorKey('alice')));
    expect(await load.execute(again.id)).toMatchObject({ username: 'alice' });
  });

  it('ends after 30 idle minutes, and 12 hours after it began however busy', async () => {
    const idle = await start.execute('alice', null);
    clock.advance(30 * 60);
    expect(await load.execute(idle.id)).toBeNull();

    const busy = await start.execute('bob', null);
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      clock.advance(20 * 60);
      expect(await load.execute(busy.id)).not.toBeNull();
    }
    clock.advance(20 * 60);
    expect(await load.execute(busy.id)).toBeNull();
  });

  it('reads a value that is not a session as no session', async () => {
    await cache.set(sessionKey('forged'), JSON.stringify({ username: 'root' }), 60);
    expect(await load.execute('forged')).toBeNull();
    await cache.set(sessionKey('garbage'), '{not json', 60);
    expect(await load.execute('garbage')).toBeNull();
  });

  it('ends a session at once, and ending an unknown one is no error', async () => {
    const { id } = await start.execute('alice', null);
    await end.execute(id);
    expect(await load.execute(id)).toBeNull();
    await expect(end.execute('unknown')).resolves.toBeUndefined();
  });
});
