import { describe, expect, it } from 'vitest';
import {
  isSessionExpired,
  SESSION_ABSOLUTE_SECONDS,
  SESSION_IDLE_SECONDS,
  sessionTtlSeconds,
  type Session,
} from '../../../../src/domain/sessions/session.js';

const start = Date.UTC(2026, 10, 28, 8, 0, 0);
const session = (lastSeenAt: number): Session => ({
  username: 'user1',
  csrfSecret: 's',
  amr: ['pwd'],
  createdAt: start,
  lastSeenAt,
  floor: null,
});

describe('session expiry', () => {
  it('keeps a session seen within the last 30 minutes', () => {
    expect(isSessionExpired(session(start), start + (SESSION_IDLE_SECONDS - 1) * 1000)).toBe(false);
  });

  it('ends a session after 30 minutes without a request', () => {
    expect(isSessionExpired(session(start), start + SESSION_IDLE_SECONDS * 1000)).toBe(true);
  });

  it('ends a busy session 12 hours after it began', () => {
    const end = start + SESSION_ABSOLUTE_SECONDS * 1000;
    expect(isSessionExpired(session(end - 1000), end - 1)).toBe(false);
    expect(isSessionExpired(session(end - 1000), end)).toBe(true);
  });

  it('keeps a session in the cache until it would idle out or reach its end, whichever is first', () => {
    expect(sessionTtlSeconds(session(start), start)).toBe(SESSION_IDLE_SECONDS);
    const nearEnd = start + (SESSION_ABSOLUTE_SECONDS - 60) * 1000;
    expect(sessionTtlSeconds(session(nearEnd), nearEnd)).toBe(60);
  });
});
