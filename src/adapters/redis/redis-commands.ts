/**
 * The Redis commands Signet's adapters send, as both node-redis clients offer them: the client of
 * one server and the Redis Cluster client, which routes each command to the node that owns its
 * keys' hash slot. Adapters written against this work on either, unchanged.
 */
export interface RedisCommands {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options?: RedisSetOptions): Promise<string | null>;
  getDel(key: string): Promise<string | null>;
  del(keys: string | string[]): Promise<number>;
  /** On a cluster, every key of one call must hash to one slot (share a `{tag}`). */
  evalSha(sha: string, options: RedisScriptCall): Promise<unknown>;
  eval(script: string, options: RedisScriptCall): Promise<unknown>;
}

export interface RedisSetOptions {
  expiration?: { type: 'EX'; value: number };
  condition?: 'NX' | 'XX';
}

export interface RedisScriptCall {
  keys: string[];
  arguments: string[];
}
