import { Command, CommanderError } from 'commander';
import { guardOutput } from './cli/closed-output.js';
import { errorObject, jsonRequested } from './cli/json-error.js';
import { commands } from './commands/index.js';
import { EXIT, environmentError, isErrnoError, isPluginSettleError } from './errors.js';
import { keepSharedStdioBlocking } from './run/shared-stdio.js';

declare const PACKAGE_VERSION: string;

// Thin on purpose: commander parses, the library works, this file maps outcomes to exit statuses.
const program = new Command('plugin-settle')
  .description('Retry Python builds that a concurrently merged setuptools plugin broke, and only those.')
  .version(PACKAGE_VERSION)
  .enablePositionalOptions()
  .exitOverride()
  .configureOutput({
    outputError: (text, write) =>
      write(`plugin-settle: ${text.replace(/^error: /, '').trimEnd()} (see --help)\n`),
  });

for (const make of commands) program.addCommand(make());
// Subcommands of subcommands (`shim env`) too: same error prefix and exit statuses everywhere.
const inherit = (parent: Command): void => {
  for (const sub of parent.commands) inherit(sub.copyInheritedSettings(parent));
};
inherit(program);

let active: Command | undefined;
program.hook('preAction', (_self, actionCommand) => {
  active = actionCommand;
});
// `run` shares its stdio with the build: the blocking stand-ins go in before the guard below listens
// on process.stdout/stderr, so that its EPIPE handling is on the streams we really write to.
if (process.argv[2] === 'run') keepSharedStdioBlocking();
const output = guardOutput(() => active);

try {
  await program.parseAsync(process.argv);
  if (output.failedExitCode !== undefined) process.exitCode = output.failedExitCode;
} catch (error) {
  const json = jsonRequested(program, process.argv.slice(2));
  if (error instanceof CommanderError) {
    // --help and --version exit 0; every parse error is bad usage (commander printed the line).
    process.exitCode = error.exitCode === 0 ? 0 : EXIT.internal;
    if (json && error.exitCode !== 0) {
      process.stdout.write(
        `${JSON.stringify({ ok: false, code: 'usage', message: error.message.replace(/^error: /, ''), exitCode: EXIT.internal })}\n`,
      );
    }
  } else {
    // A system call the machine refused (EROFS, ENOSPC, EACCES…) is the environment, not a bug of ours.
    const known = isErrnoError(error)
      ? environmentError(error, `${commandPath(active)} failed`)
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
}

function commandPath(command: Command | undefined): string {
  const names: string[] = [];
  for (let at = command; at?.parent; at = at.parent) names.unshift(at.name());
  return names.join(' ') || 'plugin-settle';
}
