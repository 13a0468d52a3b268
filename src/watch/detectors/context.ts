import type { Stats } from 'node:fs';
import type { LockTable } from '../locks.js';
import type { MergeInProgress } from '../types.js';

/** An entry under a root whose name looks like some installer's staging name. */
export interface StagingEntry {
  path: string;
  name: string;
  stats: Stats;
}

export interface DetectorContext {
  roots: readonly string[];
  /** Roots that belong to a system interpreter (not inside a venv): only those see system installers. */
  systemRoots: readonly string[];
  /** venv prefixes (directories holding pyvenv.cfg) that contain a root. */
  venvs: readonly string[];
  portageRoot: string;
  staleAfterMs: number;
  now: number;
  locks: LockTable;
  staging: readonly StagingEntry[];
  /** Said once per path by the monitor: a lock file exists but /proc/locks is unavailable. */
  cannotTell(path: string): void;
}

export interface Detector {
  /** For name-based detectors: which entries they claim (used to gather candidates in one walk). */
  claims?(name: string, isDirectory: boolean): boolean;
  detect(context: DetectorContext): Promise<MergeInProgress[]>;
}
