import type { RunCommandOptions } from '../commands/run.js';
import { ciOutput } from '../report/ci/index.js';
import { explainDecision } from '../report/explain.js';
import { observeAttempts } from '../report/lifecycle.js';
import { createProgress } from '../report/progress.js';
import { summaryLine } from '../report/summary.js';
import { writeReport } from '../report/write.js';
import { createRaceDecision } from './race-decision.js';
import { supervise } from './supervise.js';
import { lazyWatching, pythonFor } from './watching.js';

/** `plugin-settle run`: options in, exit status out. Everything else is the library's. */
export async function runFromCli(
  command: string,
  args: string[],
  options: RunCommandOptions,
): Promise<number> {
  const progress = createProgress({ quiet: options.quiet, verbose: options.verbose });
  const ci = ciOutput({
    env: process.env,
    write: (line) => process.stderr.write(`${line}\n`),
    command: [command, ...args],
    maxAttempts: options.retries + 1,
  });
  const python = pythonFor(command, options.python);
  const extraRoots = options.watch ?? [];
  const watching = lazyWatching({
    python,
    extraRoots,
    staleAfterMs: options.staleAfter,
    onWarning: progress.warn,
  });
  // Merge-wait needs the markers in place before the build starts, so --hold pays for discovery up front.
  const hold = options.hold
    ? await (await import('../merge/index.js')).holdBuildMarkers(await watching.roots())
    : null;
  const decide = createRaceDecision({
    monitor: watching.monitor,
    python,
    cwd: process.cwd(),
    windowMs: options.window,
    settleMs: options.settle,
    maxWaitMs: options.maxWait,
    evidence: options.evidence,
    onWaiting: progress.waiting,
    onVerbose: progress.verbose,
  });
  try {
    ci?.attemptStarting(1);
    const report = await supervise({
      command,
      args,
      retries: options.retries,
      windowMs: options.window,
      settleMs: options.settle,
      maxWaitMs: options.maxWait,
      inProcess: options.inprocess,
      killAfterMs: options.killAfter,
      // The shim adds its own interpreter's site-packages; we pass only what the user added.
      roots: extraRoots,
      onStarted: watching.start,
      onRetry: (attempt) => progress.retrying(attempt),
      decide: observeAttempts(decide, {
        attemptEnded: (n) => ci?.attemptEnded(n),
        decided: (n, decision) => {
          if (options.verbose) for (const line of explainDecision(n, decision)) progress.verbose(line);
        },
        waitStarted: () => progress.waitStarted(options.maxWait),
        waitEnded: (n, outcome, elapsedMs) =>
          progress.waitEnded({ waitedMs: elapsedMs, proceed: outcome?.proceed ?? false, next: n + 1 }),
        attemptStarting: (n) => ci?.attemptStarting(n),
      }),
    });
    report.roots = await watching.roots().catch(() => extraRoots);
    progress.done();
    const ciWarning = await ci?.finish(report);
    if (ciWarning) progress.warn(ciWarning);
    const line = summaryLine(report, { quiet: options.quiet, verbose: options.verbose });
    if (line) progress.always(line, tone(report.result));
    if (options.report) await writeReport(report, options.report);
    return report.exitCode;
  } finally {
    progress.done();
    await hold?.release();
    await watching.close();
  }
}

function tone(result: string): 'good' | 'bad' | undefined {
  return result === 'succeeded' ? 'good' : result === 'gave-up' ? 'bad' : undefined;
}
