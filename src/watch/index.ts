// The monitor: which paths under the watched roots changed since T, whether an installer is merging,
// whether the implicated distribution is complete, and when the tree has settled.

export { type IncompleteWithAge, isArriving } from './completeness/index.js';
export { lockStateOf, readLockTable } from './locks.js';
export type { Monitor, MonitorOptions } from './monitor.js';
export { startMonitor } from './monitor.js';
export { metadataDistribution, normalizeName } from './names.js';
export { relevanceMatcher } from './relevance.js';
export { discoverRoots } from './roots/discover.js';
export type {
  Change,
  ChangeKind,
  Implicated,
  Incomplete,
  MergeInProgress,
  Relevance,
  SettleOutcome,
} from './types.js';
