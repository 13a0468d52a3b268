/**
 * A name part no other process uses now: pid, time and a random tail. For temp files only; it spares
 * the run path `node:crypto`, whose load alone costs about 7 ms of every wrapped build's start.
 */
export function uniqueSuffix(): string {
  return `${process.pid.toString(36)}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
