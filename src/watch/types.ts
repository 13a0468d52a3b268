/** What a failure implicates: any of these narrows "relevant" from the whole tree to one plugin. */
export interface Implicated {
  module?: string | null;
  topLevel?: string | null;
  distribution?: string | null;
  files?: string[];
}

export type ChangeKind = 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir' | 'mtime' | 'ctime';

export interface Change {
  path: string;
  kind: ChangeKind;
  /** epoch ms */
  time: number;
  source: 'journal' | 'scan';
}

export interface MergeInProgress {
  kind: string;
  path: string;
  pid?: number;
  stale: boolean;
}

export interface Incomplete {
  distribution: string;
  metadata: string;
  /** Paths (relative to the root) that are absent or shorter/longer than recorded. */
  missing: string[];
}

export interface SettleOutcome {
  settled: boolean;
  waitedMs: number;
  reason: string;
  timedOut: boolean;
  /** Settled only: the final look found no change in [quietSince, its own time] (absent when waived). */
  quietSince?: number;
  /** The last change the wait saw in the roots, epoch ms. */
  lastChange?: number;
}

export type Relevance = Implicated | 'any';
