/** What `withinDeadline` resolves to when the work did not finish in time. */
export const LATE = Symbol('late');

/**
 * Resolves with what `work` resolves to, or with LATE once `ms` have passed; a rejection of `work`
 * passes through. The timer never outlives the race, so it keeps no process alive. A late `work`
 * still runs to its end: its eventual rejection is swallowed, since nobody waits for it any more.
 */
export async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), ms);
  });
  try {
    const outcome = await Promise.race([work, late]);
    if (outcome === LATE) work.catch(() => undefined);
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}
