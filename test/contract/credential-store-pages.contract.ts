import { describe, expect, it } from 'vitest';
import type { ApiCredential } from '../../src/domain/api-auth/api-credential.js';
import type { CredentialPageQuery, CredentialStore } from '../../src/domain/api-auth/credential-store.port.js';
import { aCredential } from '../support/credential-mother.js';

const at = Date.UTC(2026, 0, 15, 9, 30, 0);

/** Key `n` of a numbered set: created a second apart, every third one an SSO key, every fourth bound to bob. */
function numbered(n: number, overrides: Partial<ApiCredential> = {}): ApiCredential {
  return aCredential({
    apiKey: `AK-${String(n).padStart(4, '0')}`,
    createdAt: at + (n % 7) * 1000,
    note: n % 5 === 0 ? `Billing export ${n}` : `key ${n}`,
    ssoHost: n % 3 === 0 ? `host-${n % 4}.example.com` : null,
    username: n % 4 === 0 ? 'bob' : null,
    entryPoints: new Set(n % 2 === 0 ? ['GET /api/even/'] : ['GET /api/odd/']),
    ...overrides,
  });
}

const query = (overrides: Partial<CredentialPageQuery> = {}): CredentialPageQuery => ({
  order: 'created',
  limit: 50,
  after: null,
  search: null,
  entryPoint: null,
  ...overrides,
});

/** Every page of `first`, following `next`; `between` runs after each page but the last. */
async function allPages(
  store: CredentialStore,
  first: CredentialPageQuery,
  between: (page: number) => Promise<void> = async () => {},
): Promise<{ keys: string[]; totals: number[]; pages: number }> {
  const keys: string[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page = await store.listPage({ ...first, after });
    pages += 1;
    keys.push(...page.items.map((item) => item.apiKey));
    totals.push(page.total);
    if (page.next === null) return { keys, totals, pages };
    expect(page.items).toHaveLength(first.limit);
    expect(page.next).toBe(page.items.at(-1)?.apiKey);
    after = page.next;
    await between(pages);
  }
}

/** Paging of CredentialStore.listPage; `store` is the harness's fresh store. */
export function credentialPagesContract(store: () => CredentialStore): void {
  describe('pages', () => {
    const saveNumbered = async (count: number) => {
      for (let n = 1; n <= count; n += 1) await store().save(numbered(n));
    };

    it('120 keys come in pages of 50, oldest first, each once, with the total on every page', async () => {
      await saveNumbered(120);
      const expected = (await store().list()).map((credential) => credential.apiKey);
      const { keys, totals, pages } = await allPages(store(), query());
      expect(pages).toBe(3);
      expect(keys).toEqual(expected);
      expect(new Set(totals)).toEqual(new Set([120]));
    });

    it('keys added between pages never make a key repeat or go missing', async () => {
      await saveNumbered(120);
      const before = (await store().list()).map((credential) => credential.apiKey);
      const { keys } = await allPages(store(), query({ limit: 50 }), async (page) => {
        // Older than everything, in between, and newer than everything.
        await store().save(numbered(1000 + page, { createdAt: at - 5000 }));
        await store().save(numbered(2000 + page, { createdAt: at + 3500 }));
        await store().save(numbered(3000 + page, { createdAt: at + 60_000 }));
      });
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of before) expect(keys).toContain(key);
    });

    it('a search matches the API key, the user and the note, letter case aside, and pages over what it matched', async () => {
      await saveNumbered(120);
      const all = await store().list();
      const billing = all.filter((credential) => credential.note.toLowerCase().includes('billing')).map((c) => c.apiKey);
      const found = await allPages(store(), query({ search: 'BILLING', limit: 10 }));
      expect(found.keys).toEqual(billing);
      expect(found.totals.every((total) => total === billing.length)).toBe(true);
      expect((await store().listPage(query({ search: 'ak-0042' }))).items.map((c) => c.apiKey)).toEqual(['AK-0042']);
      const bobs = all.filter((credential) => credential.username === 'bob').map((c) => c.apiKey);
      expect((await allPages(store(), query({ search: 'bob' }))).keys).toEqual(bobs);
    });

    it('a search is matched as text, never as a pattern', async () => {
      await store().save(numbered(1, { note: 'a.b' }));
      await store().save(numbered(2, { note: 'axb' }));
      expect((await store().listPage(query({ search: '.' }))).items.map((c) => c.apiKey)).toEqual(['AK-0001']);
      expect((await store().listPage(query({ search: '(' }))).total).toBe(0);
    });

    it('the keys allowed an entry point page on their own', async () => {
      await saveNumbered(120);
      const even = (await store().list()).filter((c) => c.entryPoints.has('GET /api/even/')).map((c) => c.apiKey);
      const found = await allPages(store(), query({ entryPoint: 'GET /api/even/', limit: 25 }));
      expect(found.keys).toEqual(even);
      expect(found.totals[0]).toBe(60);
    });

    it('the SSO keys page by host, then age, then API key, and nothing else is among them', async () => {
      await saveNumbered(120);
      const sso = (await store().list())
        .filter((c) => c.ssoHost !== null)
        .sort(
          (a, b) =>
            (a.ssoHost ?? '').localeCompare(b.ssoHost ?? '') || a.createdAt - b.createdAt || a.apiKey.localeCompare(b.apiKey),
        )
        .map((c) => c.apiKey);
      const found = await allPages(store(), query({ order: 'host', limit: 7 }));
      expect(found.keys).toEqual(sso);
      expect(found.totals[0]).toBe(40);
    });

    it('a key changed between pages keeps its place', async () => {
      await saveNumbered(120);
      const expected = (await store().list()).map((credential) => credential.apiKey);
      const { keys } = await allPages(store(), query(), async () => {
        await store().update('AK-0100', (current) => ({ ...current, note: 'changed', revoked: true }));
        await store().recordUse('AK-0007', at + 99_000, '192.0.2.1');
      });
      expect(keys).toEqual(expected);
    });

    it('an empty store has one empty page', async () => {
      expect(await store().listPage(query())).toEqual({ items: [], total: 0, next: null });
    });

    it('a cursor that names no key is refused', async () => {
      await saveNumbered(3);
      await expect(store().listPage(query({ after: 'AK-none' }))).rejects.toMatchObject({ code: 'credential.unknown_cursor' });
      await expect(store().listPage(query({ order: 'host', after: 'AK-0001' }))).rejects.toMatchObject({
        code: 'credential.unknown_cursor',
      });
    });
  });
}
