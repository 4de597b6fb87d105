import { describe, expect, it } from 'vitest';
import { groupEntryPoints, isAdminEntryPoint } from '../../../../src/domain/admin/entry-point-groups.js';
import { anEntryPoint } from '../../../support/credential-mother.js';

describe('entry point groups', () => {
  it('group by the first path segment, the admin API apart, each sorted', () => {
    const groups = groupEntryPoints([
      anEntryPoint('POST', '/api/goodbye/'),
      anEntryPoint('GET', '/sso/authtoken/'),
      anEntryPoint('GET', '/admin/api/keys'),
      anEntryPoint('GET', '/api/hello/'),
      anEntryPoint('GET', '/'),
    ]);
    expect(groups.map((group) => [group.prefix, group.entryPoints.map((entry) => entry.name)])).toEqual([
      ['/', ['GET /']],
      ['/admin/api/', ['GET /admin/api/keys']],
      ['/api/', ['GET /api/hello/', 'POST /api/goodbye/']],
      ['/sso/', ['GET /sso/authtoken/']],
    ]);
  });

  it('tell an admin entry point by its path', () => {
    expect(isAdminEntryPoint(anEntryPoint('GET', '/admin/api/keys'))).toBe(true);
    expect(isAdminEntryPoint(anEntryPoint('GET', '/admin/keys/'))).toBe(false);
  });
});
