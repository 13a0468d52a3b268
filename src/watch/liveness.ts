import { hostname } from 'node:os';

/** Signal 0 checks existence only; EPERM means it exists but belongs to someone else. */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function thisHost(): string {
  return hostname();
}

/** A staging name untouched for `staleAfterMs` is a crashed installer's leftover, never waited on. */
export function isStaleByAge(
  stats: { mtimeMs: number; ctimeMs: number },
  staleAfterMs: number,
  now = Date.now(),
): boolean {
  return now - Math.max(stats.mtimeMs, stats.ctimeMs) > staleAfterMs;
}
