import { Router } from '@koa/router';
import { describe, expect, it } from 'vitest';
import { discoverEntryPoints } from '../../../../src/adapters/http/entry-point-discovery.js';
import { createApiAuth } from '../../../../src/adapters/http/middleware/api-auth.js';
import type { SignetState } from '../../../../src/adapters/http/signet-context.js';

describe('entry-point discovery', () => {
  const apiAuth = createApiAuth({
    authenticate: () => {
      throw new Error('not called while discovering');
    },
  });

  it('finds every route apiAuth() protects, one per method, and skips the rest', () => {
    const router = new Router<SignetState>();
    router.get('/api/items/:id', apiAuth(), () => {});
    router.post('/api/items/', apiAuth(), () => {});
    router.get('/api/open/', () => {});
    router.get('reports', '/api/reports/', apiAuth(), () => {});
    expect(discoverEntryPoints([router])).toEqual([
      { name: 'GET /api/items/:id', method: 'GET', path: '/api/items/:id' },
      { name: 'POST /api/items/', method: 'POST', path: '/api/items/' },
      { name: 'reports', method: 'GET', path: '/api/reports/' },
    ]);
  });

  it('includes a router prefix in the pattern', () => {
    const router = new Router<SignetState>({ prefix: '/v2' });
    router.delete('/things/:id', apiAuth(), () => {});
    expect(discoverEntryPoints([router]).map((e) => e.name)).toEqual(['DELETE /v2/things/:id']);
  });
});
