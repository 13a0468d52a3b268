import { setTimeout as sleep } from 'node:timers/promises';
import { PluginSettleError } from '../errors.js';
import { durability } from './durable.js';
import { acquireMergeMarker, OWNERLESS_GRACE_MS, readMergeMarker } from './marker.js';
import { currentOwner } from './owner.js';
import { type RecoveryAction, recoverJournals } from './rollback.js';
import { resolveRoot } from './root.js';

export interface RecoverResult {
  action: RecoveryAction;
  details: string[];
}

/**
 * `merge --recover`: after a crash at any moment, brings `root` to exactly the old or the new tree,
 * removes staging names and releases a dead merge's marker. Refuses while a live merge holds the root.
 */
export async function recover(root: string, options: { staleAfterMs?: number } = {}): Promise<RecoverResult> {
  const rootReal = resolveRoot(root);
  const details: string[] = [];
  const acquire = () =>
    acquireMergeMarker(rootReal, {
      owner: currentOwner({ image: '(recover)' }),
      wait: false,
      maxWaitMs: 0,
      onProgress: (line) => details.push(line),
      fsync: true,
      ...(options.staleAfterMs === undefined ? {} : { staleAfterMs: options.staleAfterMs }),
    });
  const held = await acquire().catch(async (error: unknown) => {
    if (!(error instanceof PluginSettleError && error.code === 'merge-in-progress')) throw error;
    const state = readMergeMarker(rootReal, options.staleAfterMs);
    if (state.state === 'live' && !state.owner) {
      // Killed between its mkdir and its owner.json: once the grace has passed, the marker is stale.
      await sleep(Math.max(0, OWNERLESS_GRACE_MS - state.ageMs) + 50);
      return acquire();
    }
    const why = state.state === 'absent' ? 'it just ended' : state.reason;
    throw new PluginSettleError(
      `a live merge holds ${rootReal} (${why}); nothing to recover until it ends or dies`,
      'merge-in-progress',
    );
  });
  try {
    const result = recoverJournals(rootReal, durability(true));
    return { action: result.action, details: [...details, ...result.details] };
  } finally {
    held.release();
  }
}
