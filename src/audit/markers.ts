import { listBuildMarkers } from '../merge/build-markers.js';
import type { Finding } from './types.js';

/** `run --hold` build markers whose owner died on this host: nothing waits on them, `--fix` clears them. */
export function buildMarkerFindings(root: string): Finding[] {
  return listBuildMarkers(root)
    .filter((marker) => marker.stale)
    .map((marker) => ({
      kind: 'stale-marker' as const,
      path: marker.path,
      distribution: null,
      installer: 'plugin-settle',
      breaks: false,
      stale: true,
      why: `the build marker of a dead \`run --hold\` (pid ${marker.owner?.pid}): \`merge --wait-for-builds\` clears it, nothing waits on it`,
      fix: { owner: 'ours' as const, action: 'remove' as const },
    }));
}
