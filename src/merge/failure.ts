import { environmentError, isErrnoError } from '../errors.js';

/**
 * A merge the machine refused (read-only, full or foreign root, a missing permission) is one line
 * naming the path and the cause, and what became of the root; our own refusals pass unchanged.
 */
export function mergeFailure(error: unknown, doing: string, after: string): unknown {
  return isErrnoError(error) ? environmentError(error, doing, after) : error;
}
