import { z } from 'zod';
import { LOGIN_PROTOCOLS, type AppLogin, type LoginProtocol } from '../../domain/app-meter/app-login.js';
import type { DayTally, LoginMeter, UserTally } from '../../domain/app-meter/login-meter.port.js';
import { METER_RETENTION_SECONDS, USERS_NAMED_PER_DAY, utcDay } from '../../domain/app-meter/meter-days.js';
import type { RedisConnection } from './redis-connection.js';
import { RedisScript } from './redis-script.js';

export interface RedisLoginMeterDeps {
  redisConnection: RedisConnection;
  config: { redisKeyPrefix: string };
}

/**
 * KEYS: the day's logins, last-login and users hashes; ARGV: the `app protocol` field, the login's
 * time, the username, the TTL and the most users named. One more login, the last moved when later,
 * the user counted while named or while there is room; each hash expires TTL seconds after its creation.
 */
const countScript = new RedisScript(`
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
local last = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if tonumber(ARGV[2]) > last then redis.call('HSET', KEYS[2], ARGV[1], ARGV[2]) end
if redis.call('HEXISTS', KEYS[3], ARGV[3]) == 1 or redis.call('HLEN', KEYS[3]) < tonumber(ARGV[5]) then
  redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
end
for _, key in ipairs(KEYS) do redis.call('EXPIRE', key, ARGV[4], 'NX') end
return 1
`);

/** Every hash of KEYS, each as HGETALL gives it (a flat list of fields and values). */
const readScript = new RedisScript(`
local out = {}
for index, key in ipairs(KEYS) do out[index] = redis.call('HGETALL', key) end
return out
`);

const flatHashes = z.array(z.array(z.string()));
const protocol = z.enum(LOGIN_PROTOCOLS);

/**
 * The login meter on Redis, shared by every instance with the same Redis and key prefix. A day's
 * three hashes share the `{day}` tag, so each count is one script on one node (of a cluster too):
 * `app-meter:{2026-12-08}:logins` and `...:last` (fields `app protocol`), and
 * `...:users:app protocol` (fields the usernames).
 */
export class RedisLoginMeter implements LoginMeter {
  constructor(private readonly deps: RedisLoginMeterDeps) {}

  async count(login: AppLogin): Promise<void> {
    const day = utcDay(login.at);
    const field = tallyField(login.app, login.protocol);
    await countScript.run(
      this.deps.redisConnection.client,
      [this.key(day, 'logins'), this.key(day, 'last'), this.key(day, `users:${field}`)],
      [field, String(login.at), login.username, String(METER_RETENTION_SECONDS), String(USERS_NAMED_PER_DAY)],
    );
  }

  async tallies(days: readonly string[]): Promise<DayTally[]> {
    const perDay = await Promise.all(
      [...new Set(days)].map(async (day) => {
        const [logins = [], last = []] = await this.read([this.key(day, 'logins'), this.key(day, 'last')]);
        const lastAt = pairs(last);
        return [...pairs(logins)].map(([field, count]): DayTally => {
          const { app, protocol: used } = parseField(field);
          return { day, app, protocol: used, logins: Number(count), lastAt: Number(lastAt.get(field) ?? 0) };
        });
      }),
    );
    return perDay.flat();
  }

  async users(app: string, protocolUsed: LoginProtocol, days: readonly string[]): Promise<UserTally[]> {
    const field = tallyField(app, protocolUsed);
    const sorted = [...new Set(days)].sort();
    const perDay = await Promise.all(sorted.map(async (day) => (await this.read([this.key(day, `users:${field}`)]))[0] ?? []));
    const summed = new Map<string, UserTally>();
    sorted.forEach((day, index) => {
      for (const [username, logins] of pairs(perDay[index] ?? [])) {
        summed.set(username, { username, logins: (summed.get(username)?.logins ?? 0) + Number(logins), lastDay: day });
      }
    });
    return [...summed.values()];
  }

  private async read(keys: string[]): Promise<string[][]> {
    return flatHashes.parse(await readScript.run(this.deps.redisConnection.client, keys, []));
  }

  private key(day: string, part: string): string {
    return `${this.deps.config.redisKeyPrefix}app-meter:{${day}}:${part}`;
  }
}

/** Hosts hold no space: `app protocol` splits back at its last one. */
function tallyField(app: string, used: LoginProtocol): string {
  return `${app} ${used}`;
}

function parseField(field: string): { app: string; protocol: LoginProtocol } {
  const at = field.lastIndexOf(' ');
  return { app: field.slice(0, at), protocol: protocol.parse(field.slice(at + 1)) };
}

/** HGETALL's flat list as field, value pairs. */
function pairs(flat: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let index = 0; index + 1 < flat.length; index += 2) map.set(flat[index] ?? '', flat[index + 1] ?? '');
  return map;
}
