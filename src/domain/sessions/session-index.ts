import { z } from 'zod';
import { sha256Base64url } from '../shared/digest.js';
import { parseJsonOrUndefined } from '../shared/safe-json.js';
import { SESSION_ABSOLUTE_SECONDS, SESSION_FLOOR_TTL_SECONDS } from './session.js';

/**
 * Where a user's sessions can be found again, for their account page: each login takes the next
 * slot of the user's counter (an atomic increment, so two logins at once take two slots) and writes
 * there the key of its session, never its id. The counter lives longer than any session, and starts
 * again at 1 once none of its slots can hold a live session.
 */
export function sessionSlotCounterKey(username: string): string {
  return `session-slots:{${sha256Base64url(username)}}`;
}

export function sessionSlotKey(username: string, slot: number): string {
  return `session-slot:{${sha256Base64url(username)}}:${slot}`;
}

/** The counter outlives every session that took a slot under it. */
export const SESSION_SLOT_COUNTER_TTL_SECONDS = SESSION_FLOOR_TTL_SECONDS;
export const SESSION_SLOT_TTL_SECONDS = SESSION_ABSOLUTE_SECONDS;
/** The account page looks at this many of the latest slots at most. */
export const SESSION_SLOTS_SHOWN = 50;

const slotSchema = z.object({ sessionKey: z.string().min(1), userAgent: z.string() });
export type SessionSlot = z.infer<typeof slotSchema>;

export function parseSessionSlot(stored: string | null): SessionSlot | null {
  if (stored === null) return null;
  const parsed = slotSchema.safeParse(parseJsonOrUndefined(stored));
  return parsed.success ? parsed.data : null;
}

/** A browser's User-Agent as kept beside its session: short, printable. */
export function shortUserAgent(userAgent: string | undefined): string {
  return (userAgent ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 160);
}
