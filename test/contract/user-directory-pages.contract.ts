import { describe, expect, it } from 'vitest';
import type { UserDirectory, UserPageQuery } from '../../src/domain/users/user-directory.port.js';
import { aUser } from '../support/user-mother.js';

const query = (overrides: Partial<UserPageQuery> = {}): UserPageQuery => ({ limit: 50, after: null, search: null, ...overrides });

/** Every page of `first`, following `next`; `between` runs after each page but the last. */
async function allPages(
  directory: UserDirectory,
  first: UserPageQuery,
  between: (page: number) => Promise<void> = async () => {},
) {
  const usernames: string[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let page = 1; ; page += 1) {
    const found = await directory.listPage({ ...first, after });
    usernames.push(...found.items.map((user) => user.username));
    totals.push(found.total);
    if (found.next === null) return { usernames, totals, pages: page };
    after = found.next;
    await between(page);
  }
}

/** Paging of UserDirectory.listPage; `directory` is the harness's fresh directory. */
export function userPagesContract(directory: () => UserDirectory): void {
  describe('pages', () => {
    const save120 = async () => {
      for (let n = 1; n <= 120; n += 1) {
        await directory().save(
          aUser({
            username: `user-${String(n).padStart(3, '0')}`,
            email: n % 10 === 0 ? `Ten${n}@Example.org` : `u${n}@example.com`,
          }),
        );
      }
    };

    it('120 users come in pages of 50, by username, each once, with the total on every page', async () => {
      await save120();
      const { usernames, totals, pages } = await allPages(directory(), query());
      expect(pages).toBe(3);
      expect(usernames).toEqual((await directory().list()).map((user) => user.username));
      expect(new Set(totals)).toEqual(new Set([120]));
    });

    it('users added between pages never make a user repeat or go missing', async () => {
      await save120();
      const before = (await directory().list()).map((user) => user.username);
      const { usernames } = await allPages(directory(), query({ limit: 40 }), async (page) => {
        await directory().save(aUser({ username: `user-000-${page}` }));
        await directory().save(aUser({ username: `user-060-${page}` }));
        await directory().save(aUser({ username: `zed-${page}` }));
      });
      expect(new Set(usernames).size).toBe(usernames.length);
      for (const username of before) expect(usernames).toContain(username);
    });

    it('a search matches the username or the email, letter case aside, as text', async () => {
      await save120();
      const found = await allPages(directory(), query({ search: 'ten', limit: 5 }));
      expect(found.usernames).toHaveLength(12);
      expect(found.totals.every((total) => total === 12)).toBe(true);
      expect((await directory().listPage(query({ search: 'USER-042' }))).items.map((user) => user.username)).toEqual([
        'user-042',
      ]);
      expect((await directory().listPage(query({ search: '.*' }))).total).toBe(0);
    });
  });
}
