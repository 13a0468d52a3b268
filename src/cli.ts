import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { EXIT, isPluginSettleError } from './errors.js';

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

for (const make of commands) program.addCommand(make().copyInheritedSettings(program));

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
    process.stderr.write(
      `plugin-settle: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = EXIT.internal;
  }
}
