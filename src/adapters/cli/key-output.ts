import type { ApiKeySummary } from '../../application/credentials/list-api-keys.js';
import { UsageError } from './cli-io.js';
import type { CliHost } from './cli-host.js';
import { isoOr, isoSeconds } from './command-group.js';
import { formatTable } from './table.js';

/** `--expires`: `never`, a date, or an ISO time; left for the operation to check, so the message is the site's. */
export function expiry(given: string | undefined, commandUsage: string): string | null {
  if (given === undefined || given === 'never' || given === 'none') return null;
  if (given.trim() === '') throw new UsageError('--expires needs a date (2027-01-31), a time, or never', commandUsage);
  return given.trim();
}

/** `--rate-limit`: `none`, or a whole number of requests a minute. */
export function rateLimit(given: string | undefined, commandUsage: string): number | null {
  if (given === undefined || given === 'none') return null;
  if (!/^\d{1,9}$/.test(given))
    throw new UsageError(`"${given}" is not a whole number of requests a minute (or none)`, commandUsage);
  return Number(given);
}

export function summaryRow(key: ApiKeySummary): string[] {
  return [
    key.apiKey,
    key.username ?? '-',
    entryPointsCell(key.entryPoints),
    key.activeSecretKeys === 2 ? '2 (rotating)' : String(key.activeSecretKeys),
    isoSeconds(key.createdAt),
    key.lastUsedAt === null ? 'never' : isoSeconds(key.lastUsedAt),
    key.state,
    key.note,
  ];
}

/** A few entry points by name; more as a count, so that an admin key keeps the table readable. */
function entryPointsCell(names: readonly string[]): string {
  if (names.length === 0) return '-';
  return names.length <= 4 ? names.join(', ') : `${names.length} entry points (key show lists them)`;
}

export function printKey(host: CliHost, key: ApiKeySummary): void {
  const lines: [string, string][] = [
    ['API key', key.apiKey],
    ['state', key.state],
    ['user', key.username ?? '-'],
    ['note', key.note || '-'],
    ['entry points', key.entryPoints.join(', ') || '-'],
    ['created', isoSeconds(key.createdAt)],
    [
      'last used',
      key.lastUsedAt === null ? 'never' : `${isoSeconds(key.lastUsedAt)} from ${key.lastUsedFrom ?? 'an unknown address'}`,
    ],
    ['expires', isoOr(key.expiresAt, 'never')],
    ['rate limit', key.rateLimitPerMinute === null ? 'none' : `${key.rateLimitPerMinute} requests a minute`],
    [
      'SEC keys',
      key.previousSecretKeyExpiresAt === null
        ? String(key.activeSecretKeys)
        : `${key.activeSecretKeys} (the previous one until ${isoSeconds(key.previousSecretKeyExpiresAt)})`,
    ],
  ];
  if (key.ssoHost !== null) lines.push(['SSO host', key.ssoHost]);
  for (const line of formatTable(lines.map(([name, value]) => [`${name}:`, value]))) host.io.out(line);
}
