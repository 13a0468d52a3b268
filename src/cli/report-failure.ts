import { EXIT, environmentError, isErrnoError, isPluginSettleError } from '../errors.js';
import { errorObject } from './json-error.js';

/**
 * A command's failure, past parsing: one line on stderr (and the JSON object for `--json`), and the
 * exit status. A system call the machine refused (EROFS, ENOSPC, EACCES…) is the environment, not a
 * bug of ours; anything unknown is an internal error with its stack.
 */
export function reportFailure(error: unknown, commandPath: string, json: boolean): void {
  const known = isErrnoError(error)
    ? environmentError(error, `${commandPath} failed`)
    : isPluginSettleError(error)
      ? error
      : undefined;
  if (known) {
    process.stderr.write(`plugin-settle: ${known.message}\n`);
    if (json) process.stdout.write(`${JSON.stringify(errorObject(known))}\n`);
    process.exitCode = known.exitCode;
  } else {
    process.stderr.write(
      `plugin-settle: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = EXIT.internal;
  }
}
