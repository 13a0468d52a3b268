import type { RunCommandOptions } from '../commands/run.js';
import { ciOutput } from '../report/ci/index.js';
import { explainDecision } from '../report/explain.js';
import { observeAttempts } from '../report/lifecycle.js';
import { createProgress } from '../report/progress.js';
import { summaryLine } from '../report/summary.js';
import { reportPathProblem, writeReport } from '../report/write.js';
import type { Decide } from './decision.js';
import { withOnRetry } from './on-retry.js';
import { keepSharedStdioBlocking } from './shared-stdio.js';
import { supervise } from './supervise.js';
import { lazyWatching, pythonFor } from './watching.js';
import { widerMonitors } from './wider-monitor.js';

/**
 * The watcher starts this long after the build: a build that is over by then (a no-op, `--version`)
 * never pays for the interpreter query and the watcher. Nothing is lost for an earlier failure: the
 * decision starts the monitor itself, and its timestamp scan sees what happened before the journal.
 */
const WATCH_AFTER_MS = 150;

/** `plugin-settle run`: options in, exit status out. Everything else is the library's. */
export async function runFromCli(
  command: string,
  args: string[],
  options: RunCommandOptions,
): Promise<number> {
  // First: the build shares our stdio, and nothing of ours may make it non-blocking under the build.
  keepSharedStdioBlocking();
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
  const wider = widerMonitors(watching.monitor, {
    staleAfterMs: options.staleAfter,
    onWarning: progress.warn,
  });
  const reportProblem = options.report ? await reportPathProblem(options.report) : null;
  if (reportProblem) progress.warn(reportProblem);
  // Merge-wait needs the markers in place before the build starts, so --hold pays for discovery up front.
  const hold = options.hold
    ? await (await import('../merge/index.js')).holdForBuild(await watching.roots(), {
        maxWaitMs: options.maxWait,
        onWaiting: progress.waiting,
      })
    : null;
  // The race decision (and what it reads: records, the uninstall check, the probe's targets) is only
  // for a failed attempt: loaded then, or while the build runs (below), never before it starts.
  let created: Decide | undefined;
  const raceDecision: Decide = async (input) => {
    const { createRaceDecision } = await import('./race-decision.js');
    created ??= createRaceDecision({
      monitor: watching.monitor,
      monitorWith: wider.monitorWith,
      python,
      cwd: process.cwd(),
      windowMs: options.window,
      settleMs: options.settle,
      maxWaitMs: options.maxWait,
      evidence: options.evidence,
      onWaiting: progress.waiting,
      onVerbose: progress.verbose,
    });
    return created(input);
  };
  const decide = options.onRetry
    ? withOnRetry(raceDecision, {
        command: options.onRetry,
        cwd: process.cwd(),
        env: process.env,
        onFailure: (line) => progress.always(line, 'bad'),
      })
    : raceDecision;
  let watchTimer: NodeJS.Timeout | undefined;
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
      staleAfterMs: options.staleAfter,
      evidence: options.evidence,
      killAfterMs: options.killAfter,
      // The shim adds its own interpreter's site-packages; we pass only what the user added.
      roots: extraRoots,
      onStarted: () => {
        watchTimer = setTimeout(() => {
          watching.start();
          // Loaded while the build runs, so a failure is judged by the code we started with even if
          // the package is upgraded or rebuilt meanwhile.
          void import('../classify/index.js').catch(() => {});
          void import('./race-decision.js').catch(() => {});
        }, WATCH_AFTER_MS);
      },
      onDecisionError: (reason) => {
        // Our own failure: said even with --quiet.
        progress.always(`${reason}; the build's own exit status is returned`, 'bad');
        ci?.ourFailure(`${reason}; the build's own exit status is returned`);
      },
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
    clearTimeout(watchTimer);
    // Asking the interpreter for its roots costs a Python start: only a report shows them.
    if (options.report) report.roots = await watching.roots().catch(() => extraRoots);
    progress.done();
    // A report we cannot write is a warning: the build's exit status is what the caller gets.
    if (options.report)
      await writeReport(report, options.report).catch((error: Error) => {
        progress.always(`${error.message}; the build's exit status is returned`, 'bad');
        ci?.ourFailure(`${error.message}; the build's exit status is returned`);
      });
    const ciWarning = await ci?.finish(report);
    if (ciWarning) progress.warn(ciWarning);
    // Last, so a run that gave up ends on the line that says why.
    const line = summaryLine(report, { quiet: options.quiet, verbose: options.verbose });
    if (line) progress.always(line, tone(report.result));
    return report.exitCode;
  } finally {
    clearTimeout(watchTimer);
    progress.done();
    await hold?.release();
    await wider.close();
    await watching.close();
  }
}

function tone(result: string): 'good' | 'bad' | undefined {
  return result === 'succeeded' ? 'good' : result === 'gave-up' ? 'bad' : undefined;
}
