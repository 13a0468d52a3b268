import { utimesSync } from 'node:fs';

// DESIGN, protocol: the merge marker's mtime is its owner's heartbeat. A timer refreshes it while the
// merge awaits (fsync batches), and `beat()` from inside the synchronous staging and rename loops,
// where no timer can fire, so a marker not refreshed within stale-after means its owner is gone,
// whichever host it runs on.
let current: { path: string; everyMs: number; last: number } | null = null;

/** How often the owner must refresh: a quarter of stale-after, so one late beat never looks stale. */
export function heartbeatInterval(staleAfterMs: number): number {
  return Math.max(10, Math.floor(staleAfterMs / 4));
}

export function startHeartbeat(markerPath: string, staleAfterMs: number): () => void {
  const everyMs = heartbeatInterval(staleAfterMs);
  current = { path: markerPath, everyMs, last: Date.now() };
  const beating = current;
  const timer = setInterval(() => beat(true), everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (current === beating) current = null;
  };
}

/** Refreshes the marker if a beat is due; cheap enough to call at every step of a loop. */
export function beat(force = false): void {
  if (!current) return;
  const now = Date.now();
  if (!force && now - current.last < current.everyMs) return;
  current.last = now;
  try {
    utimesSync(current.path, now / 1000, now / 1000);
  } catch {
    // The marker was taken from us (judged stale) or is being released: nothing to refresh.
  }
}
