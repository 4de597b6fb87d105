import type { AdminOperationName } from '../../../application/admin/admin-operations.js';
import { oidcClientApiRoutes } from './oidc-client-api.table.js';

/** Where one admin operation is served: its method, its path (`:name` for a field of the input) and its success status. */
export interface AdminApiRoute {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly status: 200 | 201;
  readonly summary: string;
  readonly tag:
    | 'keys'
    | 'entry points'
    | 'SSO hosts'
    | 'users'
    | 'audit'
    | 'MongoDB reader'
    | 'OpenID clients'
    | 'OpenID keys'
    | 'apps';
}

/**
 * The admin API: one route per admin operation. The server's router and the command line's client
 * are both built from this table, so they cannot disagree. A GET takes the input's other fields in
 * its query; the rest take them as a JSON body.
 */
export const adminApiRoutes = {
  listKeys: { method: 'GET', path: '/admin/api/keys', status: 200, tag: 'keys', summary: 'List API keys, never their SEC keys' },
  createKey: {
    method: 'POST',
    path: '/admin/api/keys',
    status: 201,
    tag: 'keys',
    summary: 'Create an API key; the answer holds its SEC key, which is never shown again',
  },
  showKey: { method: 'GET', path: '/admin/api/keys/:apiKey', status: 200, tag: 'keys', summary: 'Show one API key' },
  updateKey: {
    method: 'PATCH',
    path: '/admin/api/keys/:apiKey',
    status: 200,
    tag: 'keys',
    summary: "Change a key's note, user, entry points (the whole set), expiry or rate limit",
  },
  allowEntryPoint: {
    method: 'POST',
    path: '/admin/api/keys/:apiKey/entry-points',
    status: 200,
    tag: 'keys',
    summary: 'Allow a key one more entry point',
  },
  disableKey: {
    method: 'POST',
    path: '/admin/api/keys/:apiKey/disable',
    status: 200,
    tag: 'keys',
    summary: 'Disable a key until it is enabled again',
  },
  enableKey: {
    method: 'POST',
    path: '/admin/api/keys/:apiKey/enable',
    status: 200,
    tag: 'keys',
    summary: 'Enable a disabled key',
  },
  revokeKey: {
    method: 'POST',
    path: '/admin/api/keys/:apiKey/revoke',
    status: 200,
    tag: 'keys',
    summary: 'Revoke a key, for good',
  },
  rotateKey: {
    method: 'POST',
    path: '/admin/api/keys/:apiKey/rotate',
    status: 200,
    tag: 'keys',
    summary: 'Give a key a new SEC key (in this answer only); the old one works on for the grace period',
  },
  listEntryPoints: {
    method: 'GET',
    path: '/admin/api/entry-points',
    status: 200,
    tag: 'entry points',
    summary: 'List the entry points',
  },
  reloadEntryPoints: {
    method: 'POST',
    path: '/admin/api/entry-points/reload',
    status: 200,
    tag: 'entry points',
    summary: 'Make the stored entry points those the routes declare',
  },
  listSsoHosts: {
    method: 'GET',
    path: '/admin/api/sso-hosts',
    status: 200,
    tag: 'SSO hosts',
    summary: 'List the SSO client hosts',
  },
  addSsoHost: {
    method: 'POST',
    path: '/admin/api/sso-hosts',
    status: 201,
    tag: 'SSO hosts',
    summary: 'Add an SSO client host; the answer holds its key pair, never shown again',
  },
  removeSsoHost: {
    method: 'DELETE',
    path: '/admin/api/sso-hosts/:host',
    status: 200,
    tag: 'SSO hosts',
    summary: 'Remove an SSO client host (its key is revoked)',
  },
  listUsers: { method: 'GET', path: '/admin/api/users', status: 200, tag: 'users', summary: 'List the users' },
  createUser: { method: 'POST', path: '/admin/api/users', status: 201, tag: 'users', summary: 'Create a user' },
  setPassword: {
    method: 'POST',
    path: '/admin/api/users/:username/password',
    status: 200,
    tag: 'users',
    summary: "Set a user's password",
  },
  setUserFlags: {
    method: 'PATCH',
    path: '/admin/api/users/:username',
    status: 200,
    tag: 'users',
    summary: "Set a user's staff and active flags",
  },
  resetUserFactors: {
    method: 'POST',
    path: '/admin/api/users/:username/factors/reset',
    status: 200,
    tag: 'users',
    summary: "Superusers only: remove a user's second factors, passkeys and recovery codes, and end their sessions",
  },
  listAudit: {
    method: 'GET',
    path: '/admin/api/audit',
    status: 200,
    tag: 'audit',
    summary: 'Read the audit log, newest first, a page at a time',
  },
  listFailures: {
    method: 'GET',
    path: '/admin/api/audit/failures',
    status: 200,
    tag: 'audit',
    summary: 'Refused signed requests, summed per key and reason',
  },
  showReaderPolicy: {
    method: 'GET',
    path: '/admin/api/reader/policy',
    status: 200,
    tag: 'MongoDB reader',
    summary: "The MongoDB reader's policy in force: where it came from, its rules in order, the module, the limits",
  },
  tryReaderQuery: {
    method: 'GET',
    path: '/admin/api/reader/try',
    status: 200,
    tag: 'MongoDB reader',
    summary: "Which rule of the reader's policy allows or refuses a user's query, and why; the query is not run",
  },
  ...oidcClientApiRoutes,
  listApps: {
    method: 'GET',
    path: '/admin/api/apps',
    status: 200,
    tag: 'apps',
    summary: 'The apps (hosts) and their logins by protocol over the last 30 days: the migration meter',
  },
  showApp: {
    method: 'GET',
    path: '/admin/api/apps/:host',
    status: 200,
    tag: 'apps',
    summary: "One app's logins by protocol, a row per day for the last 30 days, and the users still arriving through dj-sso",
  },
} as const satisfies Record<AdminOperationName, AdminApiRoute>;

/** The names of the path's parameters: `/admin/api/keys/:apiKey` has `apiKey`. */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((match) => match[1] ?? '');
}
