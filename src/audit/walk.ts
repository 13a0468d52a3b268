import { type Dirent, lstatSync, readdirSync } from 'node:fs';
import type { StagingEntry } from '../watch/detectors/context.js';
import { detectors, MAYBE_STAGING } from '../watch/detectors/index.js';
import { isMetadataEntry } from '../watch/names.js';

/** pip's own temp directories (`pip-unpack-…`, `pip-target-…`) when they end up under a root. */
export const PIP_TEMP =
  /^pip-(?:unpack|target|install|req-build|build-env|ephem-wheel-cache|wheel)-[a-z0-9_]{8}$/;

export interface RootMetadata {
  root: string;
  /** Top-level `*.dist-info` / `*.egg-info` directories (not `~` stashes or hidden names). */
  metadata: string[];
}

/** The distributions' metadata directories of each root: one readdir per root. */
export function listMetadata(roots: readonly string[]): RootMetadata[] {
  return roots.map((root) => {
    let names: string[];
    try {
      names = readdirSync(root);
    } catch {
      names = [];
    }
    const metadata = names
      .filter((name) => isMetadataEntry(name) && !claimsLeftover(name, true) && !name.startsWith('.'))
      .map((name) => `${root}/${name}`);
    return { root, metadata };
  });
}

export interface Walk {
  /**
   * Every path under each root, relative to it (as RECORD writes them), except inside `__pycache__`
   * and inside leftovers: one set per root, in the order of `roots`.
   */
  present: Array<Set<string>>;
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
  const candidates: StagingEntry[] = [];
  const visit = (root: string, relative: string, present: Set<string>) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(relative ? `${root}/${relative}` : root, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      const isDirectory = entry.isDirectory();
      if (claimsLeftover(entry.name, isDirectory)) {
        const full = `${root}/${path}`;
        const stats = lstatSync(full, { throwIfNoEntry: false });
        if (stats) candidates.push({ path: full, name: entry.name, stats });
        continue;
      }
      present.add(path);
      if (isDirectory && entry.name !== '__pycache__') visit(root, path, present);
    }
  };
  const present = roots.map((root) => {
    const set = new Set<string>();
    visit(root, '', set);
    return set;
  });
  return { present, candidates };
}
