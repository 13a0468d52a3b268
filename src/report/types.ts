import type { AttemptRecord, RunResult } from '../run/attempts.js';

/** The JSON report of one `run` (DESIGN.md "Report"); schema/report.schema.json describes it. */
export interface Report {
  version: 1;
  command: string[];
  cwd: string;
  roots: string[];
  started: string;
  ended: string;
  result: RunResult;
  exitCode: number;
  signal: NodeJS.Signals | null;
  reason?: string;
  attempts: AttemptRecord[];
  /** Events of the in-process shim (healed loads cost no rebuild). */
  inProcess: Record<string, unknown>[];
}
