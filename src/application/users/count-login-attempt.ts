import type { Cache, CounterState } from '../../domain/backends/cache.port.js';
import { addressSubject, LOGIN_WINDOW_SECONDS, overLimitFor, usernameSubject } from '../../domain/users/login-throttle.js';
import { userErrors } from '../../domain/users/user.errors.js';

/**
 * Counts one login try (a password, or a second factor's code) against its address and its username,
 * the address first: a try its address is over the limit for stops there, so that it neither counts
 * against the username (one address cannot lock out every account it names) nor leaves a counter
 * behind. Each count is one atomic step of its own, since the two counters live under different
 * `{tag}`s (on a cluster, on different masters). Throws `user.too_many_attempts` past a limit.
 */
export async function countLoginAttempt(cache: Cache, username: string, address: string): Promise<void> {
  const subjects = [addressSubject(address), usernameSubject(username)] as const;
  const counts: CounterState[] = [];
  for (const subject of subjects) {
    const [state] = await cache.increment([subject.counterKey], LOGIN_WINDOW_SECONDS, [subject.maxAttempts]);
    if (!state) break;
    counts.push(state);
    if (state.count > subject.maxAttempts) break;
  }
  const wait = overLimitFor(subjects, counts);
  if (wait !== null) throw userErrors.tooManyAttempts(wait);
}

/** Starts the username's count again: a whole login (password and, where asked, a second factor) succeeded. */
export async function clearLoginCount(cache: Cache, username: string): Promise<void> {
  await cache.delete(usernameSubject(username).counterKey);
}
