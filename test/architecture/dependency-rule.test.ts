import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => match[1]!);
}

/** Where an import lands, as a path relative to src/ (`domain/backends/cache.port.ts`), or the package name. */
function target(file: string, specifier: string): { local: string } | { package: string } {
  if (!specifier.startsWith('.')) return { package: specifier };
  return { local: relative(src, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts') };
}

const infrastructure =
  /^(koa|@koa\/|koa-|redis|@redis\/|mongodb|bson|nunjucks|awilix|pino|node:http|node:https|node:net|node:fs|node:child_process|http|https|net|fs)(\/|$)/;

/** The layer a file of src/ belongs to; every file must belong to one. */
function layerOf(path: string): string {
  const [first = '', second = ''] = path.split('/');
  if (first === 'domain' || first === 'application' || first === 'config' || first === 'client' || first === 'wiring')
    return first;
  if (first === 'adapters') return second.endsWith('.ts') ? 'adapters (shared)' : `adapters/${second}`;
  if (!path.includes('/')) return 'root';
  return `unclassified: ${first}`;
}

/** What each layer may import, by the layer of the target; packages are checked separately. */
const allowed: Readonly<Record<string, (targetLayer: string, self: string) => boolean>> = {
  domain: (layer) => layer === 'domain',
  application: (layer) => layer === 'domain' || layer === 'application',
  client: (layer) => layer === 'domain' || layer === 'client',
  // The configuration reads outside input, so it parses with the domain's safe JSON reader.
  config: (layer) => layer === 'config' || layer === 'domain',
  // An adapter imports the domain, the application, its own technology and the shared adapter
  // contracts: never the composition root, the configuration, nor another adapter's technology.
  adapter: (layer, self) =>
    layer === 'domain' || layer === 'application' || layer === 'client' || layer === self || layer === 'adapters (shared)',
  wiring: (layer) => layer !== 'root',
  root: () => true,
};

function ruleOf(layer: string): (targetLayer: string, self: string) => boolean {
  return allowed[layer.startsWith('adapters') ? 'adapter' : layer] ?? (() => false);
}

describe('the dependency rule', () => {
  const files = sourceFiles(src).map((file) => ({ file, path: relative(src, file) }));

  it('places every file of src/ in a known layer', () => {
    for (const { path } of files) expect(layerOf(path), path).not.toMatch(/^unclassified/);
  });

  it('points every import inward: each layer imports only what it may', () => {
    for (const { file, path } of files) {
      const layer = layerOf(path);
      for (const specifier of imports(file)) {
        const landed = target(file, specifier);
        if (!('local' in landed)) continue;
        const targetLayer = layerOf(landed.local);
        expect(ruleOf(layer)(targetLayer, layer), `${path} (${layer}) imports ${landed.local} (${targetLayer})`).toBe(true);
      }
    }
  });

  it('keeps the domain and the application free of infrastructure', () => {
    for (const { file, path } of files) {
      const layer = layerOf(path);
      if (layer !== 'domain' && layer !== 'application') continue;
      for (const specifier of imports(file)) {
        expect(specifier, `${path} imports ${specifier}`).not.toMatch(infrastructure);
      }
    }
  });

  it('never lets src/ use the test doubles', () => {
    for (const { file, path } of files) {
      for (const specifier of imports(file)) {
        expect(specifier, `${path} imports ${specifier}`).not.toMatch(/(^|\/)test\//);
      }
    }
  });

  it('lets only the composition root (the root files and the wiring) import adapters', () => {
    for (const { file, path } of files) {
      const layer = layerOf(path);
      if (layer === 'root' || layer === 'wiring' || layer.startsWith('adapters')) continue;
      for (const specifier of imports(file)) {
        const landed = target(file, specifier);
        if ('local' in landed) expect(layerOf(landed.local), `${path} imports ${landed.local}`).not.toMatch(/^adapters/);
      }
    }
  });
});
