import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_POLICY_JSON } from '../../application/reader/reader-demo.js';
import type { QueryPermissionHook } from '../../domain/reader/query-permission-hook.port.js';
import { EMPTY_POLICY, parseReaderPolicy, PolicyFormatError, type ReaderPolicy } from '../../domain/reader/reader-policy.js';
import type { ReaderUser } from '../../domain/reader/reader-user.js';
import { parseJson } from '../../domain/shared/safe-json.js';

/** The reader's permission policy as configured, and where it came from (for the start-up log). */
export interface LoadedReaderPolicy {
  readonly policy: ReaderPolicy;
  /** The installation's module, or null when there is none. */
  readonly hook: QueryPermissionHook | null;
  readonly origin: 'file' | 'demo' | 'none';
}

/**
 * Reads READER_POLICY (a JSON file, checked in full: every problem is listed) and loads
 * READER_POLICY_MODULE, at start, so that a bad file or module stops Signet with a clear message
 * rather than failing the first query. Without a file, the demo's policy applies where the demo
 * runs, and elsewhere none: every query is refused.
 */
export async function loadReaderPolicy(
  settings: { policyFile: string | undefined; policyModule: string | undefined },
  demo: boolean,
): Promise<LoadedReaderPolicy> {
  const hook = settings.policyModule === undefined ? null : await loadHook(settings.policyModule);
  if (settings.policyFile !== undefined) return { policy: readPolicyFile(settings.policyFile), hook, origin: 'file' };
  return demo
    ? { policy: parseReaderPolicy(DEMO_POLICY_JSON), hook, origin: 'demo' }
    : { policy: EMPTY_POLICY, hook, origin: 'none' };
}

function readPolicyFile(path: string): ReaderPolicy {
  let json: unknown;
  try {
    json = parseJson(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`READER_POLICY: ${path} is not readable JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  try {
    return parseReaderPolicy(json);
  } catch (error) {
    if (!(error instanceof PolicyFormatError)) throw error;
    throw new Error(
      `READER_POLICY: ${path} is not a valid policy:\n${error.problems.map((problem) => `  ${problem}`).join('\n')}`,
      { cause: error },
    );
  }
}

/** dj-mongo-reader's perm_check_func: the module's default export, `(user, query) => true | false | string`, sync or async. */
async function loadHook(specifier: string): Promise<QueryPermissionHook> {
  let module: unknown;
  try {
    module = await import(moduleUrl(specifier));
  } catch (error) {
    throw new Error(
      `READER_POLICY_MODULE: ${specifier} cannot be loaded: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const check: unknown = typeof module === 'object' && module !== null ? Reflect.get(module, 'default') : undefined;
  if (typeof check !== 'function') throw new Error(`READER_POLICY_MODULE: ${specifier} has no default export that is a function`);
  return {
    async check(user: ReaderUser, question) {
      const verdict: unknown = await Reflect.apply(check, undefined, [user, question]);
      if (typeof verdict === 'boolean' || typeof verdict === 'string') return verdict;
      throw new Error(`the check in ${specifier} must return true, false or a string, not ${typeof verdict}`);
    },
  };
}

function moduleUrl(specifier: string): string {
  const isPath = specifier.startsWith('.') || isAbsolute(specifier);
  return isPath ? pathToFileURL(resolve(process.cwd(), specifier)).href : specifier;
}
