import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Durability } from './durable.js';
import { JOURNAL_PREFIX, journalName } from './names.js';
import type { Rename } from './plan.js';

/**
 * The journal exists before the first staged byte and is rewritten as `committed` once everything
 * staged is durable, before the first rename. So after a crash: `staging` means roll back (nothing in
 * place has changed), `committed` means roll forward (everything the new tree needs is on disk).
 */
export interface Journal {
  version: 1;
  id: string;
  phase: 'staging' | 'committed';
  image: string;
  started: string;
  stageDir: string;
  renames: Rename[];
}

export function journalPath(rootReal: string, id: string): string {
  return join(rootReal, journalName(id));
}

export function writeJournal(rootReal: string, journal: Journal, durable: Durability): void {
  durable.writeAtomicSync(journalPath(rootReal, journal.id), JSON.stringify(journal));
  durable.syncDirSync(rootReal);
}

export interface FoundJournals {
  journals: Journal[];
  /** Half-written temp files and unreadable journals: only ever garbage, since the rename publishes. */
  garbage: string[];
}

export function findJournals(rootReal: string): FoundJournals {
  const found: FoundJournals = { journals: [], garbage: [] };
  for (const name of readdirSync(rootReal).filter((entry) => entry.startsWith(JOURNAL_PREFIX))) {
    const path = join(rootReal, name);
    if (!name.endsWith('.json')) {
      found.garbage.push(path);
      continue;
    }
    try {
      const journal = JSON.parse(readFileSync(path, 'utf8')) as Journal;
      if (journal.version === 1 && Array.isArray(journal.renames)) found.journals.push(journal);
      else found.garbage.push(path);
    } catch {
      found.garbage.push(path);
    }
  }
  return found;
}
