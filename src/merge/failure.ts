import { environmentError, isErrnoError } from '../errors.js';

/**
 * A merge the machine refused (read-only, full or foreign root, a missing permission) is one line
 * naming the path and the cause, and what became of the root; our own refusals pass unchanged.
 */
export function mergeFailure(error: unknown, doing: string, after: string, root: string): unknown {
  if (!isErrnoError(error)) return error;
  // A write through a descriptor (a full disk under owner.json) names no path: the root is the place.
  if (error.path === undefined) error.path = root;
  return environmentError(error, doing, after);
}
