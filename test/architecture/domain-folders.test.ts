import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const domain = new URL('../../src/domain/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The domain folder a path relative to src/domain belongs to; files at the top are the shared kernel. */
function folderOf(path: string): string {
  const parts = path.split('/');
  return parts.length > 1 ? (parts[0] ?? '') : '(kernel)';
}

/** Which domain folders each domain folder imports, with one example import per edge. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(domain)) {
    const from = folderOf(relative(domain, file));
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/g)) {
      const specifier = match[1] ?? '';
      const to = folderOf(relative(domain, resolve(dirname(file), specifier)));
      if (to !== from && !edges.has(to)) edges.set(to, `${relative(domain, file)} imports ${specifier}`);
    }
  }
  return graph;
}

/** Every circle of folders, each as the path that closes it (a -> b -> a). */
function circles(graph: Map<string, Map<string, string>>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (folder: string, path: string[]): void => {
    const at = path.indexOf(folder);
    if (at >= 0) {
      found.push([...path.slice(at), folder]);
      return;
    }
    if (done.has(folder)) return;
    for (const next of graph.get(folder)?.keys() ?? []) visit(next, [...path, folder]);
    done.add(folder);
  };
  for (const folder of graph.keys()) visit(folder, []);
  return found;
}

describe('the domain folders', () => {
  const graph = folderGraph();

  it('import one another in one direction only: no two folders import each other, directly or in a circle', () => {
    const described = circles(graph).map((circle) =>
      circle
        .slice(1)
        .map((to, index) => `${circle[index] ?? ''} -> ${to} (${graph.get(circle[index] ?? '')?.get(to) ?? ''})`)
        .join('; '),
    );
    expect(described).toEqual([]);
  });

  it('keeps no shared ports folder: each port sits beside the feature that needs it', () => {
    expect(graph.has('ports')).toBe(false);
  });

  it('detects a circle when there is one', () => {
    const looped = new Map([
      ['a', new Map([['b', 'a.ts imports ../b/b.js']])],
      ['b', new Map([['a', 'b.ts imports ../a/a.js']])],
    ]);
    expect(circles(looped)).toEqual([['a', 'b', 'a']]);
  });
});
