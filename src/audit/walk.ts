import { type Dirent, lstatSync, readdirSync } from 'node:fs';
import type { StagingEntry } from '../watch/detectors/context.js';
import { detectors, MAYBE_STAGING } from '../watch/detectors/index.js';
import { isMetadataEntry } from '../watch/names.js';

/** pip's own temp directories (`pip-unpack-…`, `pip-target-…`) when they end up under a root. */
export const PIP_TEMP =
  /^pip-(?:unpack|target|install|req-build|build-env|ephem-wheel-cache|wheel)-[a-z0-9_]{8}$/;

export interface WalkedRoot {
  root: string;
  /** Top-level `*.dist-info` / `*.egg-info` directories (not `~` stashes or hidden names). */
  metadata: string[];
}

export interface Walk {
  roots: WalkedRoot[];
  /** Every path under the roots except inside `__pycache__` and inside leftovers. */
  present: Set<string>;
  /** Entries some installer's temp naming claims, with their lstat. */
  candidates: StagingEntry[];
}

export function claimsLeftover(name: string, isDirectory: boolean): boolean {
  if (isDirectory && PIP_TEMP.test(name)) return true;
  return (
    MAYBE_STAGING.test(name) && detectors.some((detector) => detector.claims?.(name, isDirectory) ?? false)
  );
}

/**
 * One synchronous walk of every root, whole depth: the existence of every installed file (for
 * RECORD) and every installer temp name (leftovers) come from the same readdir calls, which on a
 * 100k-file tree is the audit's whole cost. Synchronous on purpose: a promise per entry costs more
 * than the system call it waits for.
 */
export function walkRoots(roots: readonly string[]): Walk {
  const present = new Set<string>();
  const candidates: StagingEntry[] = [];
  const walked: WalkedRoot[] = [];
  const visit = (dir: string, top: WalkedRoot | null) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      const isDirectory = entry.isDirectory();
      if (claimsLeftover(entry.name, isDirectory)) {
        const stats = lstatSync(path, { throwIfNoEntry: false });
        if (stats) candidates.push({ path, name: entry.name, stats });
        continue;
      }
      present.add(path);
      if (!isDirectory || entry.name === '__pycache__') continue;
      if (top && isMetadataEntry(entry.name) && !entry.name.startsWith('.')) top.metadata.push(path);
      visit(path, null);
    }
  };
  for (const root of roots) {
    const top: WalkedRoot = { root, metadata: [] };
    walked.push(top);
    visit(root, top);
  }
  return { roots: walked, present, candidates };
}
