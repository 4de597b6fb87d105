import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import { resolve } from 'node:path';
import type nunjucks from 'nunjucks';

interface LoadedTemplate {
  path: string;
  /** Modification time and size when it was read: an edit changes one or the other. */
  stamp: string;
}

/**
 * Development's watch over the template files, so that an edit shows on the next page without
 * compiling every template on every render. It watches the template folders; after any change in
 * them, the next render makes the environment compile again the templates whose file changed, went
 * away, or is now hidden by a file of that name in an earlier search path (a new override). A render
 * with nothing changed costs nothing: no file is looked at. A folder that cannot be watched (one
 * that does not exist yet, or a system without recursive watches) is checked on every render instead.
 */
export class TemplateFreshness {
  private readonly loaded = new Map<string, LoadedTemplate>();
  private readonly watchers: FSWatcher[] = [];
  /** Whether a folder changed since the last check, or cannot be watched at all. */
  private changed = false;
  private unwatched = false;

  constructor(
    environment: nunjucks.Environment,
    private readonly loader: nunjucks.FileSystemLoader,
    private readonly searchPaths: readonly string[],
  ) {
    environment.on('load', (name, source) => this.loaded.set(name, { path: source.path, stamp: stampOf(source.path) }));
    for (const searchPath of searchPaths) this.watch(searchPath);
  }

  /** Forgets the compiled form of every template whose file is not the one compiled. */
  refresh(): void {
    if (!this.changed && !this.unwatched) return;
    // Cleared before looking, so that a change made while looking is looked at next time.
    this.changed = false;
    for (const [name, seen] of this.loaded) {
      if (stampOf(seen.path) === seen.stamp && !this.hidden(name, seen.path)) continue;
      this.loaded.delete(name);
      this.loader.emit('update', name, seen.path);
    }
  }

  /** Stops watching; renders after this check every file, as an unwatched folder is checked. */
  close(): void {
    for (const watcher of this.watchers.splice(0)) watcher.close();
    this.unwatched = true;
  }

  private watch(searchPath: string): void {
    try {
      // Not persistent: a watch alone never keeps the process running.
      const watcher = watch(searchPath, { recursive: true, persistent: false }, () => {
        this.changed = true;
      });
      watcher.on('error', () => {
        this.unwatched = true;
      });
      this.watchers.push(watcher);
    } catch {
      this.unwatched = true;
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
