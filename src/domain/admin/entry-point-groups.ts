import type { EntryPoint } from '../api-auth/entry-point.js';
import { compareText } from '../shared/compare-text.js';

/** The admin API's routes all live under this path: their entry points are what makes a key an admin key. */
export const ADMIN_API_PREFIX = '/admin/api/';

export function isAdminEntryPoint(entryPoint: EntryPoint): boolean {
  return entryPoint.path.startsWith(ADMIN_API_PREFIX);
}

/** Entry points sharing a path prefix, for the checkboxes of a key's form. */
export interface EntryPointGroup {
  /** `/api/`, `/sso/`, `/admin/api/`: the first segment, or the first two under `/admin/`. */
  readonly prefix: string;
  readonly entryPoints: readonly EntryPoint[];
}

/** Groups entry points by path prefix, groups and members sorted. */
export function groupEntryPoints(entryPoints: readonly EntryPoint[]): EntryPointGroup[] {
  const groups = new Map<string, EntryPoint[]>();
  for (const entryPoint of entryPoints) {
    const prefix = prefixOf(entryPoint.path);
    groups.set(prefix, [...(groups.get(prefix) ?? []), entryPoint]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([prefix, members]) => ({ prefix, entryPoints: [...members].sort((a, b) => compareText(a.name, b.name)) }));
}

function prefixOf(path: string): string {
  if (path.startsWith(ADMIN_API_PREFIX)) return ADMIN_API_PREFIX;
  const second = path.indexOf('/', 1);
  return second === -1 ? '/' : path.slice(0, second + 1);
}
