import { Worker } from 'node:worker_threads';

/**
 * A worker thread running the module beside `importer` named `name` (without its extension). The
 * compiled service runs the `.js` file; from the TypeScript sources (`npm start` outside production,
 * the tests) the worker first registers tsx, as the main thread did, and then imports the `.ts` file.
 */
export function startModuleWorker(importer: string, name: string): Worker {
  const extension = importer.endsWith('.ts') ? '.ts' : '.js';
  const module = new URL(`./${name}${extension}`, importer);
  if (extension === '.js') return new Worker(module);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}
