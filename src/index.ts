// The library: everything the CLI does, as functions. The CLI (src/cli.ts) is a thin skin over these.

export {
  type AuditOptions,
  type AuditReport,
  applyFix,
  audit,
  type Finding,
  type FindingKind,
  type FixStep,
  formatReport,
} from './audit/index.js';
export type { Category, Classification, LoaderFrame, PythonException } from './classify/index.js';
export {
  classify,
  describeClassification,
  filesUnderRoots,
  raceEvidenceHint,
  TAIL_LIMIT,
} from './classify/index.js';
export { runDemo } from './demo/index.js';
export { CommandError, EXIT, PluginSettleError, UsageError } from './errors.js';
export { holdBuildMarkers, type MergeOptions, type MergeResult, merge, recover } from './merge/index.js';
export type { Report } from './report/types.js';
export { writeReport } from './report/write.js';
export { type AttemptRecord, type LoopOutcome, type RunResult, runAttemptLoop } from './run/attempts.js';
export type { AttemptDetails, Decide, Decision, DecisionContext, PrepareOutcome } from './run/decision.js';
export { neverRetry } from './run/decision.js';
export { keepSharedStdioBlocking } from './run/shared-stdio.js';
export { SignalRelay } from './run/signals.js';
export { type RunOptions, supervise } from './run/supervise.js';
export { OutputTail, TAIL_BYTES } from './run/tail.js';
export type { AttemptResult, Clock, Spawner } from './run/types.js';
export {
  type Change,
  discoverRoots,
  type Implicated,
  type Incomplete,
  type MergeInProgress,
  type Monitor,
  type MonitorOptions,
  normalizeName,
  type SettleOutcome,
  startMonitor,
} from './watch/index.js';
