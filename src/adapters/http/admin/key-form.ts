import type { ApiKeySummary } from '../../../application/credentials/list-api-keys.js';
import type { EntryPoint } from '../../../domain/api-auth/entry-point.js';
import { groupEntryPoints } from '../../../domain/admin/entry-point-groups.js';
import { field, numberOrText } from './admin-view.js';
import type { Choice } from './choices.routes.js';

/** The fields of a key's form, as typed: what the form shows again after a refusal. */
export interface KeyFormValues {
  note: string;
  username: string;
  entryPoints: string[];
  expiresAt: string;
  rateLimitPerMinute: string;
}

export function keyFormValues(form: URLSearchParams): KeyFormValues {
  return {
    note: field(form, 'note'),
    username: field(form, 'username'),
    entryPoints: form.getAll('entryPoints'),
    expiresAt: field(form, 'expiresAt').trim(),
    rateLimitPerMinute: field(form, 'rateLimitPerMinute').trim(),
  };
}

/** A key as its edit form shows it. */
export function valuesOfKey(key: ApiKeySummary): KeyFormValues {
  return {
    note: key.note,
    username: key.username ?? '',
    entryPoints: key.entryPoints,
    expiresAt: expiryText(key.expiresAt),
    rateLimitPerMinute: key.rateLimitPerMinute === null ? '' : String(key.rateLimitPerMinute),
  };
}

/** An expiry as the form writes it: the date alone at midnight UTC, the full ISO time otherwise. */
export function expiryText(expiresAt: number | null): string {
  if (expiresAt === null) return '';
  const iso = new Date(expiresAt).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}

/** The operation's input from the form: blank fields are none. */
export function keySettings(values: KeyFormValues) {
  return {
    note: values.note,
    username: values.username === '' ? null : values.username,
    entryPoints: values.entryPoints,
    expiresAt: values.expiresAt === '' ? null : values.expiresAt,
    rateLimitPerMinute: values.rateLimitPerMinute === '' ? null : numberOrText(values.rateLimitPerMinute),
  };
}

/**
 * What the form's template needs besides the values: the users offered to bind (a first page of
 * them: the field takes any name, and offers more as it is typed into) and the entry points, grouped.
 */
export function keyFormChoices(values: KeyFormValues, users: readonly Choice[], entryPoints: readonly EntryPoint[]) {
  const chosen = new Set(values.entryPoints);
  return {
    values,
    users,
    groups: groupEntryPoints(entryPoints).map((group) => ({
      prefix: group.prefix,
      entryPoints: group.entryPoints.map((entry) => ({ name: entry.name, checked: chosen.has(entry.name) })),
    })),
  };
}
