import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../../src/adapters/memory/memory-cache.js';
import { CryptoRandomSource } from '../../../../src/adapters/system/crypto-random-source.js';
import { REVEAL_SECONDS, SecretReveal } from '../../../../src/application/admin/secret-reveal.js';
import { FixedClock } from '../../../support/fixed-clock.js';

const SECRET = 'c539ad8b8e15dc0ec070d427dbf35e1f78c58e9eca5232f209dbc8dc5a647ade';

describe('showing a new secret once', () => {
  const setUp = () => {
    const clock = new FixedClock();
    const cache = new MemoryCache({ clock });
    const writes: string[] = [];
    const spied = Object.assign(Object.create(cache) as MemoryCache, {
      set: (key: string, value: string, ttl: number) => {
        writes.push(value);
        return cache.set(key, value, ttl);
      },
    });
    return { clock, writes, reveal: new SecretReveal({ cache: spied, random: new CryptoRandomSource() }) };
  };

  it('shows it to the first reading of its subject, and never again', async () => {
    const { reveal } = setUp();
    const handle = await reveal.stash('admin\u0000key:k1', { secretKey: SECRET });
    expect(handle).not.toContain(SECRET);
    expect(await reveal.reveal(handle, 'admin\u0000key:k1')).toEqual({ secretKey: SECRET });
    expect(await reveal.reveal(handle, 'admin\u0000key:k1')).toBeNull();
  });

  it('keeps it in the cache only encrypted', async () => {
    const { reveal, writes } = setUp();
    await reveal.stash('s', { secretKey: SECRET });
    expect(writes).toHaveLength(1);
    expect(writes[0]).not.toContain(SECRET.slice(0, 16));
  });

  it('shows nothing on another subject, and is still there for its own', async () => {
    const { reveal } = setUp();
    const handle = await reveal.stash('admin\u0000key:k1', { secretKey: SECRET });
    expect(await reveal.reveal(handle, 'mallory\u0000key:k1')).toBeNull();
    expect(await reveal.reveal(handle, 'admin\u0000key:k2')).toBeNull();
    expect(await reveal.reveal(handle, 'admin\u0000key:k1')).toEqual({ secretKey: SECRET });
  });

  it('shows it to one of two readings at once', async () => {
    const { reveal } = setUp();
    const handle = await reveal.stash('s', { secretKey: SECRET });
    const both = await Promise.all([reveal.reveal(handle, 's'), reveal.reveal(handle, 's')]);
    expect(both.filter((shown) => shown !== null)).toHaveLength(1);
  });

  it('shows nothing for a forged or altered handle, or once the stash has expired', async () => {
    const { reveal, clock } = setUp();
    const handle = await reveal.stash('s', { secretKey: SECRET });
    const [id = '', key = ''] = handle.split('.');
    for (const forged of ['', 'x', `${id}.`, `${id}.${key}.more`, `${id}.${key.startsWith('A') ? 'B' : 'A'}${key.slice(1)}`]) {
      expect(await reveal.reveal(forged, 's')).toBeNull();
    }
    const late = await reveal.stash('s', { secretKey: SECRET });
    clock.advance(REVEAL_SECONDS);
    expect(await reveal.reveal(late, 's')).toBeNull();
  });
});
