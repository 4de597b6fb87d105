import { Router } from '@koa/router';
import { describe, expect, it } from 'vitest';
import { createApiAuth } from '../../../../../src/adapters/http/api-auth/api-auth.middleware.js';
import { discoverEntryPoints } from '../../../../../src/adapters/http/api-auth/entry-point-discovery.js';
import type { ApiState, BaseState } from '../../../../../src/adapters/http/signet-context.js';

describe('entry-point discovery', () => {
  const apiAuth = createApiAuth({
    execute: () => Promise.reject(new Error('not called while discovering')),
  });

  it('finds every route apiAuth() protects, one per method, and skips the rest', () => {
    const router = new Router<BaseState>();
    router.get<ApiState>('/api/items/:id', apiAuth(), () => {});
    router.post<ApiState>('/api/items/', apiAuth(), () => {});
    router.get('/api/open/', () => {});
    router.get<ApiState>('reports', '/api/reports/', apiAuth(), () => {});
    expect(discoverEntryPoints([router])).toEqual([
      { name: 'GET /api/items/:id', method: 'GET', path: '/api/items/:id' },
      { name: 'POST /api/items/', method: 'POST', path: '/api/items/' },
      { name: 'reports', method: 'GET', path: '/api/reports/' },
    ]);
  });

  it('includes a router prefix in the pattern', () => {
    const router = new Router<BaseState>({ prefix: '/v2' });
    router.delete<ApiState>('/things/:id', apiAuth(), () => {});
    expect(discoverEntryPoints([router]).map((e) => e.name)).toEqual(['DELETE /v2/things/:id']);
  });
});
