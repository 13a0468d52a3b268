/**
 * Issue 15: an incomplete distribution is an install in progress only while something moves. When no
 * installer is at work (the caller asks the detectors first) and it has not changed for the settle
 * time, it is a broken install (a crashed installer, a broken package), not one to wait for.
 */
export function isArriving(entry: { changedAt: number }, settleMs: number, now = Date.now()): boolean {
  return now - entry.changedAt < settleMs;
}
