import type { RunCommandOptions } from '../commands/run.js';
import { summaryLine } from '../report/summary.js';
import { writeReport } from '../report/write.js';
import { supervise } from './supervise.js';

/** `plugin-settle run`: options in, exit status out. Everything else is the library's. */
export async function runFromCli(
  command: string,
  args: string[],
  options: RunCommandOptions,
): Promise<number> {
  const report = await supervise({
    command,
    args,
    retries: options.retries,
    windowMs: options.window,
    settleMs: options.settle,
    maxWaitMs: options.maxWait,
    inProcess: options.inprocess,
    killAfterMs: options.killAfter,
    roots: options.watch ?? [],
  });
  const line = summaryLine(report, { quiet: options.quiet });
  if (line) process.stderr.write(`plugin-settle: ${line}\n`);
  if (options.report) await writeReport(report, options.report);
  return report.exitCode;
}
