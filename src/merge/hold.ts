import { holdBuildMarkers } from './build-markers.js';
import { readMergeMarker } from './marker.js';
import { pollUntil } from './poll.js';

/**
 * `run --hold`, Portage's merge-wait for any installer: mark the build so cooperating merges wait
 * for it, then let a merge that already holds its marker finish before the build starts. The marker
 * goes first, so no merge can slip in between the wait and the build.
 */
export async function holdForBuild(
  roots: string[],
  options: { maxWaitMs: number; onWaiting?: (what: string) => void },
): Promise<{ release(): Promise<void> }> {
  const hold = await holdBuildMarkers(roots);
  const busy = () => roots.map((root) => readMergeMarker(root)).find((marker) => marker.state === 'live');
  const first = busy();
  if (first) {
    options.onWaiting?.(`the merge holding ${first.path} to finish before the build starts`);
    try {
      await pollUntil(() => busy() === undefined, {
        maxWaitMs: options.maxWaitMs,
        what: `the merge holding ${first.path}`,
      });
    } catch (error) {
      await hold.release();
      throw error;
    }
  }
  return hold;
}
