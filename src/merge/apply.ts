import { renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Durability } from './durable.js';
import { faultStep } from './fault.js';
import { beat } from './heartbeat.js';
import type { Rename } from './plan.js';

/**
 * The rename burst. Each rename is atomic and its source name is unique to this merge, so a missing
 * source while resuming means "already done": replaying a journal any number of times is safe.
 */
export function applyRenames(rootReal: string, renames: Rename[], durable: Durability, resuming: boolean) {
  const touched = new Set<string>();
  let done = 0;
  for (const rename of renames) {
    const from = join(rootReal, rename.from);
    const to = join(rootReal, rename.to);
    try {
      renameSync(from, to);
      done++;
    } catch (error) {
      if (!(resuming && (error as NodeJS.ErrnoException).code === 'ENOENT')) throw error;
    }
    touched.add(dirname(from));
    touched.add(dirname(to));
    faultStep();
    beat();
  }
  // The renames must be durable before the journal that could replay them goes away.
  for (const dir of touched) durable.syncDirSync(dir);
  return done;
}
