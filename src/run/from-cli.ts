import type { RunCommandOptions } from '../commands/run.js';
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
  try {
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
      decide: createRaceDecision({
        monitor: watching.monitor,
        python,
        cwd: process.cwd(),
        windowMs: options.window,
        settleMs: options.settle,
        maxWaitMs: options.maxWait,
        evidence: options.evidence,
        onWaiting: progress.waiting,
        onVerbose: progress.verbose,
      }),
    });
    report.roots = await watching.roots().catch(() => extraRoots);
    progress.done();
    const line = summaryLine(report, { quiet: options.quiet, verbose: options.verbose });
    if (line) process.stderr.write(`plugin-settle: ${line}\n`);
    if (options.report) await writeReport(report, options.report);
    return report.exitCode;
  } finally {
    await hold?.release();
    await watching.close();
  }
}
