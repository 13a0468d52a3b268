import { Command } from 'commander';
import { EXIT, PluginSettleError, UsageError } from '../errors.js';

export function diagnoseCommand(): Command {
  return new Command('diagnose')
    .summary('classify a saved build log (offline)')
    .description(
      'Read the tail of a build log and say which kind of import failure ended it, what it implicates ' +
        '(module, distribution, files) and through which plugin loader, then what the live wrapper would ' +
        'have to see in site-packages to call it a merge race. Exits 0 whenever it classified, even as unrelated.',
    )
    .argument(
      '[log]',
      'the log file, a pipe or a FIFO; `-` reads stdin, as does nothing when stdin is not a terminal',
    )
    .option('--json', 'print exactly one JSON object instead of two lines')
    .action(async (log: string | undefined, options: { json?: boolean }) => {
      const [{ classify, describeClassification, raceEvidenceHint }, { readFileTail, readStreamTail }] =
        await Promise.all([import('../classify/index.js'), import('../classify/read-tail.js')]);
      const fromStdin = log === undefined || log === '-';
      // Bare `diagnose` on a terminal would wait for typing nobody means to do; `-` still reads it.
      if (log === undefined && process.stdin.isTTY) {
        throw new UsageError(
          'diagnose needs a build log: pass its path, or pipe it in (plugin-settle diagnose build.log)',
        );
      }
      let tail: Uint8Array;
      try {
        tail = fromStdin ? await readStreamTail(process.stdin) : await readFileTail(log);
      } catch (error) {
        const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
        const what = fromStdin ? 'standard input' : `log ${log}`;
        throw new PluginSettleError(
          `cannot read ${what} (${reason}): pass the path of a saved build log, or - to read it from stdin`,
          'unreadable-log',
          EXIT.internal,
          { cause: error },
        );
      }
      const classification = classify(tail);
      const hint = raceEvidenceHint(classification);
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ ...classification, raceEvidence: hint })}\n`
          : `${describeClassification(classification)}\n${hint}\n`,
      );
    });
}
