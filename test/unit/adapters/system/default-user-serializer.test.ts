import { describe, expect, it } from 'vitest';
import { DefaultUserSerializer } from '../../../../src/adapters/system/default-user-serializer.js';
import { aUser } from '../../../support/user-mother.js';

describe('DefaultUserSerializer', () => {
  it("sends every field but the password hash, in dj-sso-server's names, with the attributes alongside", async () => {
    const user = aUser({ lastLogin: Date.UTC(2026, 10, 1, 10, 0, 0), attributes: { department: 'Research', id: 7 } });
    expect(await new DefaultUserSerializer().serialize(user)).toEqual({
      id: 7,
      username: 'alice',
      email: 'alice@example.com',
      first_name: 'Alice',
      last_name: 'Liddell',
      is_staff: false,
      is_superuser: false,
      is_active: true,
      groups: [],
      date_joined: '2025-06-01T08:00:00.000Z',
      last_login: '2026-11-01T10:00:00.000Z',
      department: 'Research',
    });
  });

  it('uses the username as id when the user has no id attribute', async () => {
    expect(await new DefaultUserSerializer().serialize(aUser({ attributes: {} }))).toMatchObject({
      id: 'alice',
      last_login: null,
    });
  });

  it('never lets an attribute stand in for a field, or carry a password or permissions', async () => {
    const serialized = await new DefaultUserSerializer().serialize(
      aUser({ attributes: { username: 'root', is_staff: true, password: 'x', passwordHash: 'y', user_permissions: ['all'] } }),
    );
    expect(serialized).toMatchObject({ username: 'alice', is_staff: false });
    expect(Object.keys(serialized)).not.toEqual(expect.arrayContaining(['password']));
    expect(JSON.stringify(serialized)).not.toMatch(/passwordHash|user_permissions|pbkdf2/);
  });
});

describe('DefaultUserSerializer, field order and odd attribute names', () => {
  it('keeps the attributes first and the fields after them, an attribute of a field name in its place', async () => {
    const serialized = await new DefaultUserSerializer().serialize(
      aUser({ attributes: { department: 'Research', email: 'shadow@example.com', id: 7 } }),
    );
    expect(Object.keys(serialized)).toEqual([
      'department',
      'email',
      'id',
      'username',
      'first_name',
      'last_name',
      'is_staff',
      'is_superuser',
      'is_active',
      'groups',
      'date_joined',
      'last_login',
    ]);
    expect(serialized.email).toBe('alice@example.com');
  });

  it('keeps an attribute named __proto__ as an attribute, never as the prototype', async () => {
    const attributes = JSON.parse('{"__proto__": {"is_staff": true, "polluted": 1}}') as Record<string, unknown>;
    const serialized = await new DefaultUserSerializer().serialize(aUser({ attributes }));
    expect(Object.getPrototypeOf(serialized)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(serialized)).__proto__).toEqual({ is_staff: true, polluted: 1 });
    expect('polluted' in serialized).toBe(false);
    expect(serialized.is_staff).toBe(false);
  });
});
