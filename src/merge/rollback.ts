import { readdirSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { applyRenames } from './apply.js';
import type { Durability } from './durable.js';
import { faultStep } from './fault.js';
import { findJournals, type Journal, journalPath } from './journal.js';
import { STAGE_DIR_PREFIX, STAGED_FILE_PREFIX } from './names.js';

export type RecoveryAction = 'rolled-back' | 'completed' | 'nothing-to-do';

function settle(rootReal: string, journal: Journal, durable: Durability, details: string[]): RecoveryAction {
  if (journal.phase === 'committed') {
    const done = applyRenames(rootReal, journal.renames, durable, true);
    details.push(`completed merge ${journal.id} of ${journal.image}: ${done} pending rename(s) done`);
  } else {
    for (const rename of journal.renames) {
      if (rename.kind === 'put' && !rename.from.startsWith(`${journal.stageDir}/`)) {
        rmSync(join(rootReal, rename.from), { force: true });
      }
    }
    details.push(`rolled back merge ${journal.id} of ${journal.image}: it had not renamed anything yet`);
  }
  rmSync(join(rootReal, journal.stageDir), { recursive: true, force: true });
  durable.syncDirSync(rootReal);
  faultStep();
  unlinkSync(journalPath(rootReal, journal.id));
  durable.syncDirSync(rootReal);
  return journal.phase === 'committed' ? 'completed' : 'rolled-back';
}

/**
 * Brings `rootReal` to the old or the new tree of every interrupted merge, by its journal. Call it only
 * while holding the merge marker. Idempotent: a crash during recovery is recovered the same way.
 */
export function recoverJournals(
  rootReal: string,
  durable: Durability,
): { action: RecoveryAction; details: string[] } {
  const details: string[] = [];
  const { journals, garbage } = findJournals(rootReal);
  const actions = journals.map((journal) => settle(rootReal, journal, durable, details));
  for (const path of garbage) {
    rmSync(path, { force: true });
    details.push(`removed the unfinished journal file ${path}`);
  }
  // Stage dirs and staged files are created only after their journal and removed before it, so these
  // are leftovers of something else (an older version, a hand edit): never part of a tree.
  for (const name of readdirSync(rootReal)) {
    if (name.startsWith(STAGE_DIR_PREFIX) || name.startsWith(STAGED_FILE_PREFIX)) {
      rmSync(join(rootReal, name), { recursive: true, force: true });
      details.push(`removed the orphaned staging entry ${name}`);
    }
  }
  const action = actions.includes('completed')
    ? 'completed'
    : actions.includes('rolled-back')
      ? 'rolled-back'
      : 'nothing-to-do';
  return { action, details };
}
