import { z } from 'zod';
import { parseJsonOrUndefined } from '../../domain/shared/safe-json.js';
import { shellWord } from './shell-word.js';

/**
 * How long whatever listens on the port gets to say whether it is a Signet: a closed port refuses
 * at once, and a Signet answers in milliseconds unless its machine is very busy.
 */
const PROBE_TIMEOUT_MS = 5_000;

const liveAnswer = z.object({ status: z.literal('ok') });

/** What answers where the environment's server would listen. */
export type PortAnswer =
  | { readonly kind: 'nothing' }
  | { readonly kind: 'signet'; readonly url: string }
  /** Something accepted the connection but did not answer in time: it may be a Signet. */
  | { readonly kind: 'silence'; readonly url: string };

/**
 * Whether a Signet answers where the environment's server would listen (HOST and PORT, `0.0.0.0`
 * read as this host). A closed port, or a server that answers as no Signet does, is `nothing`.
 * PORT 0 names no port, so none is asked.
 */
export async function findRunningSignet(host: string, port: number): Promise<PortAnswer> {
  if (port === 0) return { kind: 'nothing' };
  const url = `http://${reachableHost(host)}:${port}`;
  try {
    const response = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    const isSignet = response.ok && liveAnswer.safeParse(parseJsonOrUndefined(await response.text())).success;
    return isSignet ? { kind: 'signet', url } : { kind: 'nothing' };
  } catch (error) {
    return error instanceof Error && error.name === 'TimeoutError' ? { kind: 'silence', url } : { kind: 'nothing' };
  }
}

function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Refuses a command on a memory store while a Signet (or what may be one) is on its port: the
 * store would be this process's own copy, and the change would vanish with it. Says the exact line
 * that acts on the running one instead.
 */
export class RunningSignetRefusal extends Error {
  override readonly name = 'RunningSignetRefusal';

  constructor(server: string, command: readonly string[], why: string) {
    super(
      [
        `${why}: on the memory store, a command has a copy of its own, whose changes would vanish with it.`,
        'Act on the running Signet through its admin API, with an admin key it accepts:',
        `  ${serverCommandLine(server, command, true)}`,
      ].join('\n'),
    );
  }

  /** A Signet answers on `server`, and no admin key it takes is at hand. */
  static noKey(server: string, command: readonly string[], reason: string): RunningSignetRefusal {
    return new RunningSignetRefusal(server, command, `a Signet answers on ${server}, and ${reason}`);
  }

  /** Something took the connection on `server` and did not say in time whether it is a Signet. */
  static silence(server: string, command: readonly string[]): RunningSignetRefusal {
    const seconds = PROBE_TIMEOUT_MS / 1000;
    return new RunningSignetRefusal(
      server,
      command,
      `something on ${server} did not say within ${seconds} s whether it is a Signet`,
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
