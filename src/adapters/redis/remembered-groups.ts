/**
 * How many groups the keys of one rememberOnce scope are spread over. Each group has a `{tag}` of
 * its own, so on a Redis Cluster the groups land on every master, and its own `since`, so a master
 * lost with its data costs only its groups' horizon. 256 tags share the slots out evenly enough that
 * no master of three holds much more than a third of them.
 */
export const REMEMBERED_GROUPS = 256;

/** The group of `key`: FNV-1a over its UTF-16 code units, so a caller cannot pile its keys onto one master by choosing them. */
export function rememberedGroupOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % REMEMBERED_GROUPS;
}

/** The key prefix, `{tag}` included, under which group `group` of `scope` keeps its keys and its `since`. */
export function rememberedGroupPrefix(prefix: string, scope: string, group: number): string {
  return `${prefix}once:{${scope}:${group.toString(16).padStart(2, '0')}}:`;
}
