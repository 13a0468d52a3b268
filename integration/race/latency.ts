import { appendFileSync } from 'node:fs';

/**
 * Recovery latency (installer's last write → the retry's start) is a measurement, not an assertion:
 * it is printed, and appended to $RACE_LATENCY_FILE when set (scripts/race-20x.sh summarises it).
 */
export function recordLatency(what: string, ms: number): void {
  console.log(`recovery latency ${what}: ${ms} ms`);
  const file = process.env.RACE_LATENCY_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ what, ms })}\n`);
}
