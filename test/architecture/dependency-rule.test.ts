import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((match) => match[1]!);
}

const infrastructure =
  /^(koa|@koa\/|koa-|redis|@redis\/|mongodb|bson|nunjucks|awilix|node:http|node:https|node:net|node:fs|http|https|net|fs)(\/|$)/;

describe('the dependency rule', () => {
  it('keeps the domain free of infrastructure and of the outer layers', () => {
    for (const file of sourceFiles(join(root, 'src/domain'))) {
      for (const target of imports(file)) {
        expect(target, `${relative(root, file)} imports ${target}`).not.toMatch(infrastructure);
        expect(target, `${relative(root, file)} imports ${target}`).not.toMatch(/\/(application|adapters|config)\//);
      }
    }
  });

  it('keeps the application free of infrastructure and of adapters', () => {
    for (const file of sourceFiles(join(root, 'src/application'))) {
      for (const target of imports(file)) {
        expect(target, `${relative(root, file)} imports ${target}`).not.toMatch(infrastructure);
        expect(target, `${relative(root, file)} imports ${target}`).not.toMatch(/\/adapters\//);
      }
    }
  });

  it('lets only the composition root import adapters', () => {
    const allowed = new Set(['src/container.ts', 'src/main.ts', 'src/bootstrap.ts']);
    for (const file of sourceFiles(join(root, 'src'))) {
      const path = relative(root, file);
      if (path.startsWith('src/adapters/') || allowed.has(path)) continue;
      for (const target of imports(file)) {
        expect(target, `${path} imports ${target}`).not.toMatch(/(^|\/)adapters\//);
      }
    }
  });

  it('never lets src/ use the test doubles', () => {
    for (const file of sourceFiles(join(root, 'src'))) {
      for (const target of imports(file)) {
        expect(target, `${relative(root, file)} imports ${target}`).not.toMatch(/(^|\/)test\//);
      }
    }
  });
});
