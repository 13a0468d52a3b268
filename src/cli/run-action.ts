import type { RunCommandOptions } from '../commands/run.js';
import { applySettings, type OptionValues } from '../config/apply.js';
import { CommandError } from '../errors.js';
import { runFromCli } from '../run/from-cli.js';

/**
 * What `run` does once its words are parsed, by commander or by run-words.ts: the same either way.
 * Its imports are static, so a `run` loads its whole start-up path in one go (few files, one link).
 */
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
  await applySettings(parsed);
  // The child's environment is ours plus the protocol variables: this is how --quiet (from a flag,
  // a variable or a config file) reaches the in-process shim, which reads PLUGIN_SETTLE_QUIET=1.
  if (parsed.opts().quiet) process.env.PLUGIN_SETTLE_QUIET = '1';
  else delete process.env.PLUGIN_SETTLE_QUIET;
  process.exitCode = await runFromCli(name, args, parsed.opts());
}
