import { entryPointName, type EntryPoint } from '../../../domain/api-auth/entry-point.js';
import { sortedByText } from '../../../domain/shared/compare-text.js';
import type { SignetRouter } from '../signet-context.js';
import { API_AUTH_MARK } from './api-auth.middleware.js';

/**
 * Every route of these routers that `apiAuth()` protects, one entry point per method (HEAD is
 * served by GET's entry point). A named route keeps its name.
 */
export function discoverEntryPoints(routers: readonly SignetRouter[]): EntryPoint[] {
  const found = new Map<string, EntryPoint>();
  for (const router of routers) {
    for (const layer of router.stack) {
      if (!layer.stack.some((fn) => API_AUTH_MARK in fn)) continue;
      const path = String(layer.path);
      for (const method of layer.methods) {
        if (method === 'HEAD' && layer.methods.includes('GET')) continue;
        const name = layer.name || entryPointName(method, path);
        found.set(name, { name, method, path });
      }
    }
  }
  return sortedByText(found.values(), (entry) => entry.name);
}
