import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { EXIT, isPluginSettleError } from './errors.js';

// Thin on purpose: commander parses, the library works, this file maps outcomes to exit statuses.
const program = new Command('plugin-settle')
  .description('Retry Python builds that a concurrently merged setuptools plugin broke, and only those.')
  .version(process.env.npm_package_version ?? '0.1.0')
  .enablePositionalOptions()
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`plugin-settle: ${text.replace(/^error: /, '')}`) });

for (const make of commands) program.addCommand(make());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version exit 0; every parse error is bad usage.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT.internal;
  } else if (isPluginSettleError(error)) {
    process.stderr.write(`plugin-settle: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`plugin-settle: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.internal;
  }
}
