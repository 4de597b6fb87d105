import { describe, expect, it } from 'vitest';
import {
  checkMayBind,
  checkMayChangeUser,
  checkMayGiveFlags,
  checkMayGrant,
  checkMayManageKey,
  firstNotHeld,
  limitedAuthority,
  SUPERUSER_AUTHORITY,
} from '../../../../src/domain/admin/grant-check.js';

const holdsRotate = limitedAuthority(['POST /admin/api/keys/:apiKey/rotate', 'GET /api/hello/']);

describe('the grant check', () => {
  it('lets a superuser do everything', () => {
    expect(firstNotHeld(SUPERUSER_AUTHORITY, ['anything'])).toBeNull();
    expect(() => checkMayManageKey(SUPERUSER_AUTHORITY, { entryPoints: ['x'], boundToSuperuser: true })).not.toThrow();
    expect(() => checkMayChangeUser(SUPERUSER_AUTHORITY, { isSuperuser: true, isStaff: true, holds: new Set() })).not.toThrow();
    expect(() => checkMayGiveFlags(SUPERUSER_AUTHORITY, { isSuperuser: true })).not.toThrow();
  });

  it('names the first entry point, by name, that a limited caller lacks', () => {
    expect(firstNotHeld(holdsRotate, ['POST /b', 'GET /api/hello/', 'POST /a'])).toBe('POST /a');
    expect(() => checkMayGrant(holdsRotate, ['POST /admin/api/users'])).toThrow(
      'you do not hold the entry point "POST /admin/api/users"',
    );
    expect(() => checkMayGrant(holdsRotate, ['GET /api/hello/'])).not.toThrow();
    expect(() => checkMayGrant(holdsRotate, [])).not.toThrow();
  });

  it('lets a limited caller manage only a key holding nothing it lacks, and not bound to a superuser', () => {
    expect(() => checkMayManageKey(holdsRotate, { entryPoints: ['GET /api/hello/'], boundToSuperuser: false })).not.toThrow();
    expect(() => checkMayManageKey(holdsRotate, { entryPoints: ['GET /admin/api/keys'], boundToSuperuser: false })).toThrow(
      'you do not hold the entry point "GET /admin/api/keys"',
    );
    expect(() => checkMayManageKey(holdsRotate, { entryPoints: [], boundToSuperuser: true })).toThrow(
      'only a superuser may manage a key bound to a superuser',
    );
  });

  it('keeps superusers, their keys and the staff and superuser flags to superusers', () => {
    expect(() => checkMayBind(holdsRotate, { isSuperuser: true })).toThrow('only a superuser may bind a key to a superuser');
    expect(() => checkMayBind(holdsRotate, { isSuperuser: false })).not.toThrow();
    expect(() => checkMayBind(holdsRotate, null)).not.toThrow();
    expect(() => checkMayChangeUser(holdsRotate, { isSuperuser: true, isStaff: true, holds: new Set() })).toThrow(
      'only a superuser may change a superuser',
    );
    expect(() => checkMayGiveFlags(holdsRotate, { isStaff: true })).toThrow('only a superuser may give the staff flag');
    expect(() => checkMayGiveFlags(holdsRotate, { isSuperuser: true })).toThrow('only a superuser may give the superuser flag');
    expect(() => checkMayGiveFlags(holdsRotate, { isStaff: false })).not.toThrow();
  });

  it('lets a limited caller change a staff user only if it holds all that user holds', () => {
    const staff = (holds: string[]) => ({ isSuperuser: false, isStaff: true, holds: new Set(holds) });
    expect(() => checkMayChangeUser(holdsRotate, staff(['GET /api/hello/']))).not.toThrow();
    expect(() => checkMayChangeUser(holdsRotate, staff(['POST /admin/api/users']))).toThrow(
      'you do not hold the entry point "POST /admin/api/users"',
    );
    expect(() => checkMayChangeUser(holdsRotate, { isSuperuser: false, isStaff: false, holds: new Set(['x']) })).not.toThrow();
  });
});
