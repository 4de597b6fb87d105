import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReaderPolicy } from '../../../../src/adapters/system/reader-policy-loader.js';
import { ANONYMOUS_READER } from '../../../../src/domain/reader/reader-user.js';

const dir = mkdtempSync(join(tmpdir(), 'signet-reader-policy-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const question = { database: 'd', collection: 'c', command: 'find' as const, criteria: {} };

describe('loading the reader policy', () => {
  it('uses the demo policy where the demo runs and no file is named, and none elsewhere', async () => {
    expect((await loadReaderPolicy({ policyFile: undefined, policyModule: undefined }, true)).origin).toBe('demo');
    const none = await loadReaderPolicy({ policyFile: undefined, policyModule: undefined }, false);
    expect(none).toMatchObject({ origin: 'none', policy: { rules: [] }, hook: null });
  });

  it('reads a policy file, and stops with every problem of a bad one', async () => {
    const good = file('good.json', '{"rules": [{"collection": "user_*", "effect": "allow"}]}');
    expect((await loadReaderPolicy({ policyFile: good, policyModule: undefined }, true)).origin).toBe('file');
    const bad = file('bad.json', '{"rules": [{"effect": "perhaps"}, {"effect": "allow", "maxLimit": -1}]}');
    await expect(loadReaderPolicy({ policyFile: bad, policyModule: undefined }, false)).rejects.toThrow(
      new RegExp(`^READER_POLICY: ${bad} is not a valid policy:\\n  rules\\.0\\.effect: .*\\n  rules\\.1\\.maxLimit: `),
    );
    const polluting = file('polluting.json', '{"rules": [{"effect": "allow", "pin": {"__proto__": {"admin": true}}}]}');
    await expect(loadReaderPolicy({ policyFile: polluting, policyModule: undefined }, false)).rejects.toThrow(
      'JSON key "__proto__" is not allowed',
    );
    const broken = file('broken.json', '{"rules": [');
    await expect(loadReaderPolicy({ policyFile: broken, policyModule: undefined }, false)).rejects.toThrow(
      `READER_POLICY: ${broken} is not readable JSON`,
    );
  });

  it('loads a module’s default export as the last check, sync or async, and refuses a return that is not an answer', async () => {
    const sync = file('sync.mjs', 'export default (user, query) => query.collection === "c" || "only c";');
    const hook = (await loadReaderPolicy({ policyFile: undefined, policyModule: sync }, false)).hook;
    expect(await hook?.check(ANONYMOUS_READER, question)).toBe(true);
    expect(await hook?.check(ANONYMOUS_READER, { ...question, collection: 'x' })).toBe('only c');
    const asynchronous = file('async.mjs', 'export default async () => false;');
    expect(
      await (
        await loadReaderPolicy({ policyFile: undefined, policyModule: asynchronous }, false)
      ).hook?.check(ANONYMOUS_READER, question),
    ).toBe(false);
    const vague = file('vague.mjs', 'export default () => 1;');
    await expect(
      (await loadReaderPolicy({ policyFile: undefined, policyModule: vague }, false)).hook?.check(ANONYMOUS_READER, question),
    ).rejects.toThrow('must return true, false or a string, not number');
  });

  it('stops when the module cannot be loaded or exports no function', async () => {
    await expect(loadReaderPolicy({ policyFile: undefined, policyModule: join(dir, 'missing.mjs') }, false)).rejects.toThrow(
      /^READER_POLICY_MODULE: .*missing\.mjs cannot be loaded/,
    );
    const named = file('named.mjs', 'export const check = () => true;');
    await expect(loadReaderPolicy({ policyFile: undefined, policyModule: named }, false)).rejects.toThrow(
      'has no default export that is a function',
    );
  });
});
