/** The demo API key of dj-api-auth's example project, so that its clients work unchanged. */
export const DEMO_API_KEY = {
  apiKey: '483a570a',
  secretKey: 'd7228d70cd7f456d9bfdc35ed8fee375',
  entryPoints: ['GET /api/hello/', 'GET /api/goodbye/', 'POST /api/goodbye/'],
  note: 'demo key (dj-api-auth example)',
} as const;

/**
 * The demo's admin key: allowed every entry point of the admin API and acting as the user admin, so
 * that `npm run signet -- --server http://localhost:3000 ...` works on a fresh `npm start`.
 */
export const DEMO_ADMIN_KEY = {
  apiKey: 'ad417e5c',
  secretKey: '6b0f3e9a2c4d8e1f7a5b9c3d0e2f4a6b',
  username: 'admin',
  note: 'demo admin key (every admin API entry point)',
} as const;

/** The SSO host of dj-sso-client's example app (it runs on localhost:8000), with a fixed key pair. */
export const DEMO_SSO_HOST = {
  host: 'localhost:8000',
  apiKey: '5f0c2a7e',
  secretKey: '9b1d4c6e2f8a4b7d9c3e5f1a2b4c6d8e',
  note: 'demo SSO host (dj-sso-client example)',
} as const;

/**
 * The demo OpenID Connect client: confidential, first-party, for an app on localhost:8000 (the demo
 * app's port). Its secret is published: it exists only where the demo runs.
 */
export const DEMO_OIDC_CLIENT = {
  clientId: 'demo-oidc',
  secret: 'demo-oidc-secret-published-do-not-use-in-production',
  name: 'Signet demo app',
  redirectUris: ['http://localhost:8000/oidc/callback', 'http://127.0.0.1:8000/oidc/callback'],
  postLogoutRedirectUris: ['http://localhost:8000/', 'http://127.0.0.1:8000/'],
  scopes: ['openid', 'profile', 'email', 'groups', 'offline_access'],
  firstParty: true,
  idTokenSignedResponseAlg: 'ES256',
} as const;

/**
 * The demo users of dj-sso-server's example. Each has a numeric `id` attribute, which
 * dj-sso-client's default database storage uses as its primary key.
 */
export const DEMO_USERS = [
  {
    username: 'admin',
    password: '123',
    passwordHash: '$argon2id$v=19$m=7168,t=5,p=1$wQAzbM/PILykc0yaJLqwjw$O2i8wckz4BSKXcgwE8C1VbOhv5vSAEBJDU5p9Jh2hDU',
    isStaff: true,
    isSuperuser: true,
    groups: ['staff'],
    email: 'admin@example.com',
    firstName: 'Ada',
    lastName: 'Admin',
    id: 1,
  },
  {
    username: 'user1',
    password: '123',
    passwordHash: '$argon2id$v=19$m=7168,t=5,p=1$1jCJOs1G22sYwQMNm6Vtng$X1r0GKCU1S3f2XNAPGBvAfO7rI1OQg4uUtCkxvufspc',
    isStaff: false,
    isSuperuser: false,
    groups: [],
    email: 'user1@example.com',
    firstName: 'Una',
    lastName: 'One',
    id: 2,
  },
  {
    username: 'user2',
    password: '456',
    passwordHash: '$argon2id$v=19$m=7168,t=5,p=1$kR7U7go2vYgew201yp8JpA$XvhvW7iOacDsg6xLwu92cRbMsMvBv1ZmDInDy2Xs9l4',
    isStaff: false,
    isSuperuser: false,
    groups: [],
    email: 'user2@example.com',
    firstName: 'Tom',
    lastName: 'Two',
    id: 3,
  },
] as const satisfies readonly DemoUser[];

interface DemoUser {
  username: string;
  password: string;
  /** The password hashed ahead (Argon2id at the default parameters), so that a start hashes nothing. */
  passwordHash: string;
  isStaff: boolean;
  isSuperuser: boolean;
  groups: readonly string[];
  email: string;
  firstName: string;
  lastName: string;
  id: number;
}
