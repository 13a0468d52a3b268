import { access } from 'node:fs/promises';
import { lockStateOf } from '../locks.js';
import type { MergeInProgress } from '../types.js';
import type { DetectorContext } from './context.js';

/** A held lock is a live installer by definition, so it is never stale. */
export async function heldLock(
  kind: string,
  path: string,
  context: DetectorContext,
): Promise<MergeInProgress[]> {
  const state = await lockStateOf(path, context.locks);
  if (state.held === null) {
    const present = await access(path).then(
      () => true,
      () => false,
    );
    if (present) context.cannotTell(path);
    return [];
  }
  if (!state.held) return [];
  return [{ kind, path, ...(state.pid ? { pid: state.pid } : {}), stale: false }];
}
