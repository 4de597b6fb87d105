import { describe, expect, it } from 'vitest';
import { ssoUserKey, userFromProvider } from '../../../../src/domain/sso-client/sso-user.js';

describe('the user a provider sends', () => {
  it('is kept with every attribute as sent', () => {
    const sent = { id: 2, username: 'user1', email: 'user1@example.com', is_staff: false, groups: ['a'], team: { name: 'blue' } };
    expect(userFromProvider(sent)).toEqual(sent);
  });

  it('is keyed on the username when the provider sends no id', () => {
    expect(userFromProvider({ username: 'alice' })).toEqual({ id: 'alice', username: 'alice' });
  });

  it('is refused without a username, or with an id or known attribute of the wrong kind', () => {
    for (const answer of [
      null,
      'user1',
      [],
      {},
      { username: '' },
      { id: 1.5, username: 'a' },
      { id: true, username: 'a' },
      { username: 'a', is_staff: 'yes' },
    ]) {
      expect(userFromProvider(answer), JSON.stringify(answer)).toBeNull();
    }
  });

  it('is found under its id as text', () => {
    expect(ssoUserKey(2)).toBe('2');
    expect(ssoUserKey('2')).toBe('2');
  });
});
