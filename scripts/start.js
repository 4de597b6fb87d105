// `npm start`: in production, the compiled JavaScript of dist/ (`npm run build` makes it); elsewhere
// the TypeScript sources, compiled on the fly by tsx. One process either way, so that signals and
// node:cluster's workers (which run this file again) behave as they do under `node dist/main.js`.
import { existsSync } from 'node:fs';

if (process.env.NODE_ENV === 'production') {
  const main = new URL('../dist/main.js', import.meta.url);
  if (!existsSync(main)) {
    process.stderr.write('Signet cannot start: NODE_ENV=production runs the compiled dist/main.js; run `npm run build` first\n');
    process.exit(1);
  }
  await import(main.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/main.ts', import.meta.url).href);
}
