import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';

/** The root as a real path: every containment check compares real paths. */
export function resolveRoot(root: string): string {
  let real: string;
  try {
    real = realpathSync(resolve(root));
  } catch {
    throw new UsageError(
      `the root '${root}' does not exist; pass an existing directory (e.g. site-packages)`,
      'bad-root',
    );
  }
  if (!statSync(real).isDirectory()) {
    throw new UsageError(
      `the root '${root}' is not a directory; pass a directory (e.g. site-packages)`,
      'bad-root',
    );
  }
  return real;
}
