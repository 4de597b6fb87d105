import { describe, expect, it } from 'vitest';
import { isAdminUser, matchesUserFilter } from '../../../../src/domain/admin/staff.js';
import { aUser } from '../../../support/user-mother.js';

describe('who is staff', () => {
  it('is an active user with the staff flag', () => {
    expect(isAdminUser(aUser({ isStaff: true }))).toBe(true);
    expect(isAdminUser(aUser({ isStaff: true, isActive: false }))).toBe(false);
    expect(isAdminUser(aUser({ isStaff: false }))).toBe(false);
    expect(isAdminUser(null)).toBe(false);
  });
});

describe('API_AUTH_ADMIN_USER_FILTER', () => {
  const alice = aUser({ groups: ['reporting'] });

  it('lets anyone through when empty', () => {
    expect(matchesUserFilter(alice, {})).toBe(true);
  });

  it("reads dj-api-auth's Django field names and Signet's own alike", () => {
    expect(matchesUserFilter(alice, { is_staff: false })).toBe(true);
    expect(matchesUserFilter(alice, { isStaff: false, is_active: true })).toBe(true);
    expect(matchesUserFilter(alice, { is_staff: true })).toBe(false);
    expect(matchesUserFilter(alice, { first_name: 'Alice', email: 'alice@example.com' })).toBe(true);
  });

  it('reads attributes, and a group the user is in', () => {
    expect(matchesUserFilter(alice, { department: 'Research' })).toBe(true);
    expect(matchesUserFilter(alice, { department: 'Sales' })).toBe(false);
    expect(matchesUserFilter(alice, { employeeNumber: 4711, remote: true, manager: null })).toBe(true);
    expect(matchesUserFilter(alice, { groups: 'reporting' })).toBe(true);
    expect(matchesUserFilter(alice, { groups: 'admins' })).toBe(false);
  });

  it('treats a missing attribute as null, and compares values exactly', () => {
    expect(matchesUserFilter(alice, { nickname: null })).toBe(true);
    expect(matchesUserFilter(alice, { nickname: 'al' })).toBe(false);
    expect(matchesUserFilter(alice, { employeeNumber: '4711' })).toBe(false);
  });
});
