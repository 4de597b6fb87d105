import { z } from 'zod';
import { parseJsonOrUndefined } from '../../domain/shared/safe-json.js';
import { shellWord } from './shell-word.js';

/** How long a Signet on this host gets to say it is alive: a closed port refuses at once. */
const PROBE_TIMEOUT_MS = 1_000;

const liveAnswer = z.object({ status: z.literal('ok') });

/**
 * The base URL of a Signet answering where the environment's server would listen (HOST and PORT,
 * `0.0.0.0` read as this host), or undefined when none does. PORT 0 names no port, so none is asked.
 */
export async function findRunningSignet(host: string, port: number): Promise<string | undefined> {
  if (port === 0) return undefined;
  const base = `http://${reachableHost(host)}:${port}`;
  try {
    const response = await fetch(`${base}/health/live`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (!response.ok) return undefined;
    return liveAnswer.safeParse(parseJsonOrUndefined(await response.text())).success ? base : undefined;
  } catch {
    return undefined;
  }
}

function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Refuses a command on a memory store while a Signet answers on its port: the store would be this
 * process's own copy, and the change would vanish with it. Says the exact line that acts on the
 * running one instead.
 */
export class RunningSignetRefusal extends Error {
  override readonly name = 'RunningSignetRefusal';

  constructor(server: string, command: readonly string[], why: string) {
    super(
      [
        `a Signet answers on ${server}, and the memory store is a copy of its own in each process: ${why}.`,
        'Act on the running Signet through its admin API, with an admin key it accepts:',
        `  ${serverCommandLine(server, command, true)}`,
      ].join('\n'),
    );
  }
}

/**
 * `npm run signet -- --server URL <command>`, quoted for a POSIX shell as it would be pasted; a
 * password given on the command line is shown as a placeholder, never echoed.
 */
export function serverCommandLine(server: string, command: readonly string[], withKey = false): string {
  const key = withKey ? 'SIGNET_ADMIN_KEY=<API key> SIGNET_ADMIN_SECRET=<SEC key> ' : '';
  const words = command.map((word, index) => {
    if (word.startsWith('--password=')) return "--password='<password>'";
    return command[index - 1] === '--password' ? "'<password>'" : shellWord(word);
  });
  return `${key}npm run signet -- --server ${server} ${words.join(' ')}`.trimEnd();
}
