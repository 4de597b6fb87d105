import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type nunjucks from 'nunjucks';

interface LoadedTemplate {
  path: string;
  /** Modification time and size when it was read: an edit changes one or the other. */
  stamp: string;
}

/**
 * Development's watch over the template files, so that an edit shows on the next page without
 * compiling every template on every render: it remembers the file and modification time of each
 * template the environment compiled and, asked before a render, makes the environment compile
 * again the ones whose file changed, went away, or is now hidden by a file of that name in an
 * earlier search path (a new override). A render costs a stat per template it uses.
 */
export class TemplateFreshness {
  private readonly loaded = new Map<string, LoadedTemplate>();

  constructor(
    environment: nunjucks.Environment,
    private readonly loader: nunjucks.FileSystemLoader,
    private readonly searchPaths: readonly string[],
  ) {
    environment.on('load', (name, source) => this.loaded.set(name, { path: source.path, stamp: stampOf(source.path) }));
  }

  /** Forgets the compiled form of every template whose file is not the one compiled. */
  refresh(): void {
    for (const [name, seen] of this.loaded) {
      if (stampOf(seen.path) === seen.stamp && !this.hidden(name, seen.path)) continue;
      this.loaded.delete(name);
      this.loader.emit('update', name, seen.path);
    }
  }

  private hidden(name: string, path: string): boolean {
    for (const searchPath of this.searchPaths) {
      const candidate = resolve(searchPath, name);
      if (candidate === path) return false;
      if (existsSync(candidate)) return true;
    }
    return false;
  }
}

function stampOf(path: string): string {
  const stats = statSync(path, { throwIfNoEntry: false });
  return stats ? `${stats.mtimeMs}:${stats.size}` : 'gone';
}
