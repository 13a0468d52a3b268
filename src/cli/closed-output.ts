import { EXIT } from '../errors.js';

/**
 * A reader that went away (`plugin-settle status | head -1`, `--help | true`) is the reader's choice,
 * not our failure: no stack trace, no message. A command that only prints stops at once with 141,
 * the status the shell shows for any program SIGPIPE ends (`seq 1 1e9 | head -1`); Node ignores
 * SIGPIPE, so we exit with that number ourselves. A command doing work (a build, a merge, laying
 * shims) is never cut off half-way by its output: it goes on silently and exits with its own
 * status, since stopping a merge or a build because nobody reads its messages would lose more.
 */
export const CLOSED_OUTPUT_EXIT = 128 + 13;

/** Commands that change something or run a build: they finish what they started. */
const FINISHES_WORK = new Set(['run', 'merge', 'demo', 'install']);

/** `active` names the command whose action runs (undefined while the words are still parsed). */
export function guardOutput(active: () => string | undefined): { failedExitCode: number | undefined } {
  const state: { failedExitCode: number | undefined } = { failedExitCode: undefined };
  const working = () => {
    const command = active();
    return command !== undefined && FINISHES_WORK.has(command);
  };
  const onError = (stream: 'stdout' | 'stderr') => (error: NodeJS.ErrnoException) => {
    // The stream is destroyed now: later writes to it are dropped without another error.
    if (error.code === 'EPIPE') {
      if (!working()) process.exit(CLOSED_OUTPUT_EXIT);
      return;
    }
    // Any other write error (/dev/full, EIO) means our answer was lost: say so where we still can.
    if (stream === 'stdout')
      process.stderr.write(
        `plugin-settle: cannot write to standard output (${error.code ?? error.message})\n`,
      );
    if (!working()) process.exit(EXIT.internal);
    state.failedExitCode = EXIT.internal;
  };
  process.stdout.on('error', onError('stdout'));
  process.stderr.on('error', onError('stderr'));
  return state;
}
