import { UsageError } from './cli-io.js';
import { isoSeconds, showUsage, withServices, type Subcommand } from './command-group.js';
import { describeSeconds, parseDuration } from './duration.js';
import { parseCommand } from './parse-args.js';

/** The usage lines of the commands that change a key's state or SEC key. */
export const keyStateUsage = {
  disable: 'signet key disable KEY',
  enable: 'signet key enable KEY',
  revoke: 'signet key revoke KEY',
  rotate: 'signet key rotate KEY [--grace DURATION]',
} as const;

/** `disable`, `enable` and `revoke`: one key, one line. */
export function stateChange(
  command: 'disable' | 'enable' | 'revoke',
  operation: 'disableKey' | 'enableKey' | 'revokeKey',
  said: string,
): Subcommand {
  return async (args, host) => {
    const { positionals, help } = parseCommand(args, { usage: keyStateUsage[command], options: {}, positionals: [1, 1] });
    if (help) return showUsage(host.io, keyStateUsage[command]);
    const [apiKey = ''] = positionals;
    await withServices(host, (services) => services[operation].execute({ apiKey }), 'changes');
    host.io.out(`${said} ${apiKey}`);
    return 0;
  };
}

export const rotate: Subcommand = async (args, host) => {
  const { values, positionals, help } = parseCommand(args, {
    usage: keyStateUsage.rotate,
    options: { grace: { type: 'string' } },
    positionals: [1, 1],
  });
  if (help) return showUsage(host.io, keyStateUsage.rotate);
  const [apiKey = ''] = positionals;
  const graceSeconds = values.grace === undefined ? undefined : parseDuration(values.grace);
  if (graceSeconds === null) {
    throw new UsageError(`"${values.grace ?? ''}" is not a duration such as 90s, 15m, 1h or 24h`, keyStateUsage.rotate);
  }
  const rotated = await withServices(
    host,
    (services) => services.rotateKey.execute(graceSeconds === undefined ? { apiKey } : { apiKey, graceSeconds }),
    'changes',
  );
  host.io.out(`API key: ${rotated.apiKey}`);
  host.io.out(`SEC key: ${rotated.secretKey}`);
  host.io.out(
    rotated.previousExpiresAt === null
      ? 'previous SEC key: none was active'
      : `previous SEC key works until ${isoSeconds(rotated.previousExpiresAt)}${
          graceSeconds === undefined ? '' : ` (${describeSeconds(graceSeconds)})`
        }`,
  );
  host.io.err('The new SEC key is shown this once: keep it now.');
  return 0;
};
