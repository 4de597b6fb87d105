import { describe, expect, it } from 'vitest';
import { userFromClaims } from '../../../../src/domain/oidc-client/oidc-user.js';

describe('the user of an OpenID login', () => {
  it("has the handshake's names: id from sub, username from preferred_username, first and last name", () => {
    expect(
      userFromClaims({
        sub: '2',
        preferred_username: 'user1',
        email: 'user1@example.com',
        given_name: 'Una',
        family_name: 'One',
        name: 'Una One',
        groups: ['staff'],
        is_staff: true,
        is_superuser: false,
        iss: 'http://localhost:3000/oidc',
      }),
    ).toEqual({
      id: '2',
      username: 'user1',
      email: 'user1@example.com',
      first_name: 'Una',
      last_name: 'One',
      groups: ['staff'],
      is_staff: true,
      is_superuser: false,
    });
  });

  it('takes the subject as the username when the provider sends no preferred_username', () => {
    expect(userFromClaims({ sub: 'abc' })).toEqual({ id: 'abc', username: 'abc' });
  });

  it('is null without a subject, or with claims of the wrong kind', () => {
    expect(userFromClaims({ preferred_username: 'user1' })).toBeNull();
    expect(userFromClaims({ sub: '' })).toBeNull();
    expect(userFromClaims({ sub: '2', groups: 'staff' })).toBeNull();
    expect(userFromClaims(null)).toBeNull();
  });
});
