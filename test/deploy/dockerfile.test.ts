import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  image: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** The Dockerfile's stages and their instructions: continuation lines joined, comments and the parser directive left out. */
function stagesOf(dockerfile: string): Stage[] {
  const logical = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [image = '', as, name] = rest;
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${keyword} before any FROM`);
    stage.instructions.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

const argsOf = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

describe('the Dockerfile', () => {
  const stages = stagesOf(read('Dockerfile'));
  const build = stages[0]!;
  const runtime = stages.at(-1)!;

  it('builds in one stage and runs from another, both on Node.js 24 LTS', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build.name).toBeDefined();
    for (const stage of stages) expect(stage.image).toMatch(/^node:24(\.|-|$)/);
  });

  it('compiles the TypeScript in the build stage, with the development dependencies', () => {
    expect(argsOf(build, 'RUN')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^npm ci\b(?!.*--omit=dev)/), 'npm run build']),
    );
  });

  it('installs only the production dependencies in the runtime stage, and takes the compiled code from the build stage', () => {
    expect(argsOf(runtime, 'RUN').some((run) => /^npm ci\b.*--omit=dev/.test(run))).toBe(true);
    expect(argsOf(runtime, 'COPY')).toContain(`--from=${build.name} /app/dist ./dist`);
    expect(argsOf(runtime, 'COPY').some((copy) => /\bsrc\b/.test(copy))).toBe(false);
    expect(argsOf(runtime, 'ENV').join(' ')).toMatch(/\bNODE_ENV=production\b/);
  });

  it('runs the compiled JavaScript with node, not a TypeScript loader', () => {
    const [command] = argsOf(runtime, 'CMD');
    expect(JSON.parse(command!)).toEqual(['node', 'dist/main.js']);
    expect(read('Dockerfile')).not.toMatch(/\btsx\b.*src\/main\.ts/);
  });

  it('runs as a user without privileges', () => {
    const [user] = argsOf(runtime, 'USER');
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    // USER comes before the command, so that nothing runs as root after it.
    const keywords = runtime.instructions.map((i) => i.keyword);
    expect(keywords.indexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
  });

  it('checks health on /health/ready, with node itself (the image has no curl)', () => {
    const [check] = argsOf(runtime, 'HEALTHCHECK');
    expect(check).toMatch(/--interval=\d+s/);
    const command = JSON.parse(check!.slice(check!.indexOf('CMD') + 3)) as string[];
    expect(command[0]).toBe('node');
    expect(command.join(' ')).toContain('/health/ready');
  });

  it('copies only files that exist, and keeps what it must not send out of the build context', () => {
    for (const stage of stages) {
      for (const copy of argsOf(stage, 'COPY').filter((args) => !args.startsWith('--from'))) {
        for (const source of copy.split(/\s+/).slice(0, -1)) expect(existsSync(`${root}${source}`), source).toBe(true);
      }
    }
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.env']));
  });
});

describe('compose.yaml and the Procfile', () => {
  it('runs Signet on Redis and a MongoDB replica set, with the secrets required from the environment', () => {
    const compose = parse(read('compose.yaml')) as {
      services: Record<
        string,
        { environment?: Record<string, string>; command?: string[]; depends_on?: Record<string, unknown> }
      >;
    };
    expect(Object.keys(compose.services).sort()).toEqual(['mongo', 'redis', 'signet']);
    const signet = compose.services.signet!;
    expect(signet.environment).toMatchObject({
      NODE_ENV: 'production',
      CACHE: 'redis',
      REDIS_URL: 'redis://redis:6379',
      STORE: 'mongo',
      MONGO_URL: expect.stringMatching(/^mongodb:\/\/mongo:27017\/signet\?replicaSet=rs0$/),
    });
    expect(signet.environment?.SESSION_SECRET).toMatch(/^\$\{SESSION_SECRET:\?/);
    expect(signet.environment?.SIGNET_MASTER_KEY).toMatch(/^\$\{SIGNET_MASTER_KEY:\?/);
    expect(Object.keys(signet.depends_on ?? {}).sort()).toEqual(['mongo', 'redis']);
    expect(compose.services.mongo?.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
  });

  it('starts the web process with npm start, which runs the compiled code in production', () => {
    expect(read('Procfile').trim()).toBe('web: npm start');
    const manifest = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(manifest.scripts.start).toBe('node scripts/start.js');
    expect(manifest.scripts.build).toBe('node scripts/build.js');
  });
});
