/**
 * Where the OpenID admin operations are served (see `adminApiRoutes`): each route its own entry
 * point, so that a key can be allowed to read the clients and nothing more, or to rotate the keys
 * and nothing more.
 */
export const oidcClientApiRoutes = {
  listOidcClients: {
    method: 'GET',
    path: '/admin/api/oidc-clients',
    status: 200,
    tag: 'OpenID clients',
    summary: 'List the OpenID Connect clients, never their secrets',
  },
  createOidcClient: {
    method: 'POST',
    path: '/admin/api/oidc-clients',
    status: 201,
    tag: 'OpenID clients',
    summary: "Register an OpenID Connect client; a confidential client's secret is in this answer only",
  },
  showOidcClient: {
    method: 'GET',
    path: '/admin/api/oidc-clients/:clientId',
    status: 200,
    tag: 'OpenID clients',
    summary: 'Show one OpenID Connect client',
  },
  updateOidcClient: {
    method: 'PATCH',
    path: '/admin/api/oidc-clients/:clientId',
    status: 200,
    tag: 'OpenID clients',
    summary: "Change a client's name, redirect URIs, post-logout URIs, scopes, first-party flag or ID token algorithm",
  },
  disableOidcClient: {
    method: 'POST',
    path: '/admin/api/oidc-clients/:clientId/disable',
    status: 200,
    tag: 'OpenID clients',
    summary: 'Disable a client: refused everywhere until enabled again',
  },
  enableOidcClient: {
    method: 'POST',
    path: '/admin/api/oidc-clients/:clientId/enable',
    status: 200,
    tag: 'OpenID clients',
    summary: 'Enable a disabled client',
  },
  rotateOidcClientSecret: {
    method: 'POST',
    path: '/admin/api/oidc-clients/:clientId/rotate-secret',
    status: 200,
    tag: 'OpenID clients',
    summary: 'Give a confidential client a new secret (in this answer only); the old one is refused at once',
  },
  removeOidcClient: {
    method: 'DELETE',
    path: '/admin/api/oidc-clients/:clientId',
    status: 200,
    tag: 'OpenID clients',
    summary: 'Remove a client for good',
  },
  listOidcKeys: {
    method: 'GET',
    path: '/admin/api/oidc-keys',
    status: 200,
    tag: 'OpenID keys',
    summary: 'The published signing keys (never their private parts): which signs, which waits, which is retiring',
  },
  rotateOidcKeys: {
    method: 'POST',
    path: '/admin/api/oidc-keys/rotate',
    status: 200,
    tag: 'OpenID keys',
    summary:
      'Publish new signing keys, which sign after the activation delay; the old ones stay published until their tokens expire',
  },
} as const;
