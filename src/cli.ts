import { guardOutput } from './cli/closed-output.js';
import { reportFailure } from './cli/report-failure.js';
import { runAction } from './cli/run-action.js';
import { parseRunWords } from './cli/run-words.js';
import { keepSharedStdioBlocking } from './run/shared-stdio.js';

// Start-up is paid by every wrapped build, so a plain `run` (its options known, its command given)
// goes straight to the run path; every other command line, and every usage error, goes through
// commander (cli/program.ts), which is loaded only then. Both share the action and the error lines.
// Under `node -e`/`-p` commander reads process.argv its own way: leave that to it.
const evaluating = process.execArgv.some((flag) => ['-e', '--eval', '-p', '--print'].includes(flag));
const words =
  evaluating || process.versions.electron ? null : parseRunWords(process.argv.slice(2), process.env);

if (words) {
  // Before the guard touches stdout and stderr: it then guards the stand-ins the build's shared pipes
  // get, and creating Node's own streams first would make those pipes non-blocking under the build.
  keepSharedStdioBlocking();
  const output = guardOutput(() => 'run');
  try {
    await runAction(words.command, words.args, words.options);
    if (output.failedExitCode !== undefined) process.exitCode = output.failedExitCode;
  } catch (error) {
    reportFailure(error, 'run', false);
  }
} else {
  await import('./cli/program.js');
}
