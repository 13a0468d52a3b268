import type { Decide, Decision, PrepareOutcome } from '../run/decision.js';

export interface AttemptHooks {
  /** A failed attempt's child has exited (its output is through). */
  attemptEnded(n: number): void;
  decided(n: number, decision: Decision): void;
  waitStarted(): void;
  /** `null` when the wait was interrupted or failed. */
  waitEnded(n: number, outcome: PrepareOutcome | null, elapsedMs: number): void;
  /** The next attempt is about to start. */
  attemptStarting(n: number): void;
}

/**
 * The moments between attempts, seen from the decision the attempt loop calls: an attempt has ended
 * when it is judged, and the next one starts when the settle wait says proceed. So progress and CI
 * output hook in around supervise() without the loop knowing about either.
 */
export function observeAttempts(decide: Decide, hooks: AttemptHooks): Decide {
  return async (context) => {
    const { n } = context.attempt;
    hooks.attemptEnded(n);
    const decision = await decide(context);
    hooks.decided(n, decision);
    if (decision.action !== 'retry' || context.retriesLeft <= 0) return decision;
    const prepare = decision.prepare;
    return {
      ...decision,
      prepare: async (signal) => {
        hooks.waitStarted();
        const started = Date.now();
        let outcome: PrepareOutcome | null = null;
        try {
          outcome = prepare ? await prepare(signal) : { proceed: true, waitedMs: 0 };
        } finally {
          hooks.waitEnded(n, outcome, Date.now() - started);
        }
        if (outcome.proceed && !signal.aborted) hooks.attemptStarting(n + 1);
        return outcome;
      },
    };
  };
}
