import { spawn } from 'node:child_process';
import type { Decide, PrepareOutcome } from './decision.js';

/** What the report keeps about the `--on-retry` command run before a retry. */
export interface OnRetryRecord {
  command: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  durationMs: number;
  /** Why it could not run at all (the shell itself missing): rare, but never silent. */
  error?: string;
}

export interface OnRetryOptions {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Told once, in one line, when the command failed and the build will not be retried. */
  onFailure: (line: string) => void;
}

/**
 * Runs the user's between-attempts command (`rm -rf build/`) once the settle wait says the retry may
 * go ahead, and turns its failure into a stop: retrying on top of a half-cleaned tree would judge a
 * different build. Wraps `prepare`, so the attempt loop and the decision stay unaware of it.
 */
export function withOnRetry(decide: Decide, options: OnRetryOptions): Decide {
  return async (context) => {
    const decision = await decide(context);
    if (decision.action !== 'retry') return decision;
    const prepare = decision.prepare;
    return {
      ...decision,
      prepare: async (signal): Promise<PrepareOutcome> => {
        const outcome = prepare ? await prepare(signal) : { proceed: true as const, waitedMs: 0 };
        if (!outcome.proceed || signal.aborted) return outcome;
        const onRetry = await runShell(options, signal);
        if (signal.aborted) return { ...outcome, onRetry };
        if (onRetry.exitCode === 0) return { ...outcome, onRetry };
        const status = onRetry.error
          ? `could not run (${onRetry.error})`
          : onRetry.signal
            ? `was killed by ${onRetry.signal}`
            : `failed with exit ${onRetry.exitCode}`;
        const reason = `the --on-retry command ${status}: ${options.command}`;
        options.onFailure(`${reason}; not retrying (the build's own exit status stands)`);
        return { proceed: false, waitedMs: outcome.waitedMs, reason, result: 'failed', onRetry };
      },
    };
  };
}

/** `sh -c <command>` in the build's directory; its output goes to stderr, since stdout is the build's. */
function runShell(options: OnRetryOptions, signal: AbortSignal): Promise<OnRetryRecord> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(options.command, {
      shell: true,
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 2, 2],
      signal,
      killSignal: 'SIGTERM',
    });
    const record = (fields: Partial<OnRetryRecord>): OnRetryRecord => ({
      command: options.command,
      exitCode: null,
      signal: null,
      durationMs: Date.now() - started,
      ...fields,
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      // An abort also arrives here; the loop sees the aborted signal and reports the interruption.
      if (error.name !== 'AbortError') resolve(record({ error: error.code ?? error.message }));
    });
    child.on('close', (exitCode, killedBy) => resolve(record({ exitCode, signal: killedBy })));
  });
}
