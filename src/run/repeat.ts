import type { Classification } from '../classify/index.js';
import type { Monitor } from '../watch/index.js';
import { probeTargets } from './probe-targets.js';

/** "The same way": same category, module, missing name, distribution and first implicated file. */
export function failureKey(c: Classification): string {
  const name = c.category === 'missing-name' ? (probeTargets(c)[0] ?? '') : '';
  return JSON.stringify([c.category, c.module, name, c.distribution, c.files[0] ?? null]);
}

/** What the decision remembers between attempts: the failure it last decided to retry. */
export function failureMemory() {
  let retried: string | undefined;
  return {
    retried(c: Classification) {
      retried = failureKey(c);
    },
    /** Whether this failure is the one the previous attempt was retried for. */
    repeats(c: Classification): boolean {
      return retried !== undefined && retried === failureKey(c);
    },
  };
}

/**
 * A retried attempt that failed exactly as the one before, while nothing changed anywhere in the
 * roots since it started and no installer is at work, met the tree the retry was waiting for: the
 * failure is the tree's own, and another retry would only repeat it. Returns why, or null.
 */
export async function unchangedRepeat(
  memory: ReturnType<typeof failureMemory>,
  c: Classification,
  attemptStarted: number,
  monitor: Pick<Monitor, 'changesSince' | 'mergesInProgress'>,
): Promise<string | null> {
  if (!memory.repeats(c)) return null;
  const [changes, merges] = await Promise.all([
    monitor.changesSince(attemptStarted, 'any'),
    monitor.mergesInProgress(),
  ]);
  if (changes.length > 0 || merges.some((merge) => !merge.stale)) return null;
  return 'the retried build failed the same way and nothing changed in site-packages since it started: a real error, not a merge race';
}
