import { isStaleByAge } from '../liveness.js';
import type { Detector } from './context.js';

/**
 * A detector that recognises an installer by the staging names it leaves under the roots.
 * Staleness is age only: these names carry no trustworthy pid.
 */
export function byName(kind: string, claims: (name: string, isDirectory: boolean) => boolean): Detector {
  return {
    claims,
    detect: async (context) =>
      context.staging
        .filter((entry) => claims(entry.name, entry.stats.isDirectory()))
        .map((entry) => ({
          kind,
          path: entry.path,
          stale: isStaleByAge(entry.stats, context.staleAfterMs, context.now),
        })),
  };
}
