/**
 * `npx tsx bench/profile-summary.ts FILE.cpuprofile [--top N]`: where a server's CPU time went, from
 * a V8 CPU profile (`npm run bench -- --scenarios v2 --profile DIR`): self time by function, and
 * by where the code lives (Node.js itself, each package, each folder of Signet).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseJson } from '../src/domain/shared/safe-json.js';

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
      children: z.array(z.number()).optional(),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, inclusive: { type: 'string', multiple: true, default: [] } },
});
const file = positionals[0];
if (!file) {
  console.error('usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [--top N] [--inclusive FUNCTION ...]');
  process.exit(2);
}
const profile = profileSchema.parse(parseJson(readFileSync(file, 'utf8')));
const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
/** Time spent inside each function named with --inclusive, its callees included. */
const inclusive = new Map<string, number>(values.inclusive.map((name) => [name, 0]));

const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, index) => {
  const micros = profile.timeDeltas[index] ?? 0;
  const frame = frames.get(id);
  if (!frame) return;
  total += micros;
  const name = frame.url
    ? `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`
    : frame.functionName;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  byPlace.set(placeOf(frame.url, frame.functionName), (byPlace.get(placeOf(frame.url, frame.functionName)) ?? 0) + micros);
  const onStack = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const name = frames.get(at)?.functionName ?? '';
    if (inclusive.has(name)) onStack.add(name);
  }
  for (const name of onStack) inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
});

const top = Number(values.top);
const busy = total - (byPlace.get('(idle)') ?? 0);
console.log(`${(total / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s busy; shares below are of the busy time\n`);
print('by place', byPlace, Infinity);
print('by function (self time)', byFunction, top);
if (inclusive.size > 0) print('inclusive time (the function and what it calls)', inclusive, Infinity);

function print(title: string, table: Map<string, number>, limit: number): void {
  console.log(`${title}:`);
  const rows = [...table.entries()].filter(([name]) => name !== '(idle)').sort((a, b) => b[1] - a[1]);
  for (const [name, micros] of rows.slice(0, limit)) console.log(`  ${((micros / busy) * 100).toFixed(1).padStart(5)}%  ${name}`);
  console.log();
}

function shortUrl(url: string): string {
  const at = url.lastIndexOf('/node_modules/');
  if (at !== -1) return url.slice(at + '/node_modules/'.length);
  const src = url.indexOf('/src/');
  return src === -1 ? url : url.slice(src + 1);
}

function placeOf(url: string, functionName: string): string {
  if (functionName === '(idle)' || functionName === '(program)' || functionName === '(garbage collector)') {
    return functionName === '(idle)' ? '(idle)' : functionName;
  }
  if (url === '') return '(native: V8 builtins, crypto, syscalls)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const modules = url.lastIndexOf('/node_modules/');
  if (modules !== -1) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = url.indexOf('/src/');
  if (src !== -1)
    return url
      .slice(src + 1)
      .split('/')
      .slice(0, 3)
      .join('/');
  return url;
}
