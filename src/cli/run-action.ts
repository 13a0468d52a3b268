import type { RunCommandOptions } from '../commands/run.js';
import type { OptionValues } from '../config/apply.js';
import { CommandError } from '../errors.js';

/** What `run` does once its words are parsed, by commander or by run-words.ts: the same either way. */
export async function runAction(
  name: string,
  args: string[],
  parsed: OptionValues & { opts(): RunCommandOptions },
): Promise<void> {
  // What `timeout ''`, `env ''` and `nice ''` answer: no command by that name, 127.
  if (name === '')
    throw new CommandError(
      "command not found: '' (the command after -- is empty; check its quoting)",
      'command-not-found',
    );
  const { applySettings } = await import('../config/apply.js');
  await applySettings(parsed);
  // The child's environment is ours plus the protocol variables: this is how --quiet (from a flag,
  // a variable or a config file) reaches the in-process shim, which reads PLUGIN_SETTLE_QUIET=1.
  if (parsed.opts().quiet) process.env.PLUGIN_SETTLE_QUIET = '1';
  else delete process.env.PLUGIN_SETTLE_QUIET;
  const { runFromCli } = await import('../run/from-cli.js');
  process.exitCode = await runFromCli(name, args, parsed.opts());
}
