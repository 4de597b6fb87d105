import { createHash } from 'node:crypto';
import type { RedisCommands } from './redis-commands.js';

/**
 * A Lua script run by its SHA-1 (EVALSHA), sent in full (EVAL) only when the server does not know it
 * yet, as after a restart: one round trip in the usual case, whatever the script's length. On a
 * cluster each master learns the script the first time a call lands on it.
 */
export class RedisScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisCommands, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await client.evalSha(this.sha, { keys, arguments: args });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, { keys, arguments: args });
    }
  }
}
