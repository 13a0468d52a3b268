import type { AttemptDetails, Decide } from './decision.js';
import { exitStatusOf } from './exit-status.js';
import type { OnRetryRecord } from './on-retry.js';
import type { Clock, Spawner } from './types.js';

export type RunResult = 'succeeded' | 'failed' | 'gave-up' | 'not-a-race' | 'interrupted';

export interface AttemptRecord extends AttemptDetails {
  n: number;
  started: string;
  ended: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  decision?: { action: 'retry' | 'fail' | 'give-up'; reason: string };
  waitedMs?: number;
  /** The last change in the watched roots seen before retrying (ISO time). */
  lastChange?: string;
  /** From `lastChange` to the next attempt's start: how soon after the tree settled the build ran again. */
  recoveryMs?: number;
  /** The `--on-retry` command run after the wait, before the next attempt. */
  onRetry?: OnRetryRecord;
}

export interface LoopOutcome {
  result: RunResult;
  /** The status the wrapper exits with: the last child's, 128+N for a signal death. */
  exitCode: number;
  signal: NodeJS.Signals | null;
  attempts: AttemptRecord[];
  reason?: string;
}

export interface AttemptLoopOptions {
  spawn: Spawner;
  decide: Decide;
  retries: number;
  clock: Clock;
  /** Aborted when the user interrupts: no retry may follow. */
  signal: AbortSignal;
  /** Told when the decision itself failed (our bug, or our files replaced mid-run). */
  onDecisionError?: (reason: string) => void;
  /** Told when a retry has been decided, before the settle wait. */
  onRetry?: (record: AttemptRecord) => void;
}

/**
 * Runs the command until it succeeds, the decision says fail, retries run out, or the user interrupts.
 * The decision is injected, so this loop is tested with fakes and no sleeping.
 */
export async function runAttemptLoop(options: AttemptLoopOptions): Promise<LoopOutcome> {
  const { spawn, decide, retries, clock, signal } = options;
  const attempts: AttemptRecord[] = [];
  for (let n = 1; ; n++) {
    const attempt = await (await spawn(n)).result;
    const record: AttemptRecord = {
      n,
      started: new Date(attempt.started).toISOString(),
      ended: new Date(attempt.ended).toISOString(),
      exitCode: attempt.exitCode,
      signal: attempt.signal,
    };
    const previous = attempts.at(-1);
    if (previous?.lastChange !== undefined)
      previous.recoveryMs = Math.max(0, attempt.started - Date.parse(previous.lastChange));
    attempts.push(record);
    const done = (result: RunResult, reason?: string): LoopOutcome => ({
      result,
      exitCode: exitStatusOf(attempt),
      signal: attempt.signal,
      attempts,
      ...(reason === undefined ? {} : { reason }),
    });

    if (attempt.exitCode === 0) return done('succeeded');
    if (attempt.interrupted || signal.aborted) return done('interrupted');

    const retriesLeft = retries - (n - 1);
    const decision = await decide({ attempt, retriesLeft, signal }).catch(
      (error: unknown): Awaited<ReturnType<Decide>> => {
        // A bug of ours must never change the child's verdict: say so, and fail as the child did.
        const reason = `could not decide (${error instanceof Error ? error.message : String(error)})`;
        options.onDecisionError?.(reason);
        return { action: 'fail', result: 'failed', reason };
      },
    );
    Object.assign(record, decision.details);
    if (decision.action === 'fail') {
      record.decision = { action: 'fail', reason: decision.reason };
      return done(decision.result, decision.reason);
    }
    if (retriesLeft <= 0) {
      record.decision = { action: 'give-up', reason: `${decision.reason}; no retries left` };
      return done('gave-up', record.decision.reason);
    }
    record.decision = { action: 'retry', reason: decision.reason };
    options.onRetry?.(record);
    if (decision.prepare) {
      const waitStart = clock.now();
      const prepared = await decision.prepare(signal).catch((error: unknown) => {
        if (signal.aborted) return null;
        throw error;
      });
      // The settle wait alone: an --on-retry command's time is its own field.
      record.waitedMs = Math.max(0, clock.now() - waitStart - (prepared?.onRetry?.durationMs ?? 0));
      if (prepared?.onRetry !== undefined) record.onRetry = prepared.onRetry;
      if (prepared === null || signal.aborted) return done('interrupted');
      if (prepared.probe !== undefined) record.probe = prepared.probe;
      if (prepared.lastChange !== undefined) record.lastChange = new Date(prepared.lastChange).toISOString();
      if (!prepared.proceed) {
        record.decision = { action: 'fail', reason: prepared.reason };
        return done(prepared.result, prepared.reason);
      }
      // Why the retry goes on after all (an uninstall raced the load): the report keeps it.
      if (prepared.note)
        record.decision = { action: 'retry', reason: `${decision.reason}; ${prepared.note}` };
    }
    if (signal.aborted) return done('interrupted');
  }
}
