import type { OnRetryRecord } from './on-retry.js';
import type { AttemptResult } from './types.js';

/** What the report keeps about a failed attempt beyond its exit status. */
export interface AttemptDetails {
  classification?: unknown;
  evidence?: { changes: unknown[]; merges: unknown[] };
  probe?: unknown;
  /** The in-process record the failure was judged by (absent: judged by the output tail). */
  judgedBy?: { event: string; pid: number | null; executable: string | null; argv0: string | null };
}

/** After a retry was decided: wait for the tree to settle (and probe), then say whether to go on. */
/** `lastChange`: the last change in the watched roots seen before the retry, epoch ms. */
/** `onRetry`: the user's between-attempts command, when `--on-retry` ran one (src/run/on-retry.ts). */
export type PrepareOutcome =
  | {
      proceed: true;
      waitedMs: number;
      note?: string;
      probe?: unknown;
      lastChange?: number;
      onRetry?: OnRetryRecord;
    }
  | {
      proceed: false;
      waitedMs: number;
      reason: string;
      /** gave-up: the tree did not settle within max-wait. */
      result: 'not-a-race' | 'failed' | 'gave-up';
      probe?: unknown;
      lastChange?: number;
      onRetry?: OnRetryRecord;
    };

export type Decision =
  | {
      action: 'retry';
      reason: string;
      details?: AttemptDetails;
      /** Runs only when a retry is left; may wait. Rejects with an AbortError when interrupted. */
      prepare?: (signal: AbortSignal) => Promise<PrepareOutcome>;
    }
  | { action: 'fail'; reason: string; result: 'failed' | 'not-a-race'; details?: AttemptDetails };

export interface DecisionContext {
  attempt: AttemptResult;
  /** Retries still allowed after this attempt (0: a retry decision becomes gave-up). */
  retriesLeft: number;
  signal: AbortSignal;
}

export type Decide = (context: DecisionContext) => Promise<Decision>;

/** The decision of a wrapper that only supervises: every failure is final. */
export const neverRetry: Decide = async () => ({
  action: 'fail',
  result: 'failed',
  reason: 'retries are disabled',
});
