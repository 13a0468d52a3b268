import { Command, Option } from 'commander';
import { booleanValue, collectPaths, durationMs, nonNegativeInteger, oneOf } from '../config/parse.js';
import { UsageError } from '../errors.js';

/** Boolean flags take their environment override here: commander treats any set variable as true. */
const BOOLEAN_ENV = {
  inprocess: 'PLUGIN_SETTLE_INPROCESS',
  hold: 'PLUGIN_SETTLE_HOLD',
  quiet: 'PLUGIN_SETTLE_QUIET',
  verbose: 'PLUGIN_SETTLE_VERBOSE',
} as const;

export interface RunCommandOptions {
  python?: string;
  watch?: string[];
  window: number;
  settle: number;
  maxWait: number;
  staleAfter: number;
  retries: number;
  evidence: 'relevant' | 'any';
  inprocess: boolean;
  hold: boolean;
  report?: string;
  quiet: boolean;
  verbose: boolean;
}

export function runCommand(): Command {
  return new Command('run')
    .summary('wrap a build; retry it only if a plugin merge broke it')
    .description(
      'Run <command> and pass its output, input, signals and exit status through unchanged. When it fails ' +
        'because a setuptools plugin was being merged into site-packages meanwhile, wait until the merge is ' +
        'over and run it again; every other failure comes back at once with one line saying why.',
    )
    .argument('<command>', 'the build command, e.g. python3')
    .argument('[args...]', 'its arguments (put `--` before the command so they are never read as ours)')
    .passThroughOptions()
    .addOption(
      env(
        new Option(
          '--python <path>',
          'interpreter whose site-packages to watch (default: the command when it is a python, else python3)',
        ),
        'PYTHON',
      ),
    )
    .addOption(
      env(
        new Option('--watch <dir>', 'watch this directory too (repeatable)').argParser(collectPaths),
        'WATCH',
      ),
    )
    .addOption(
      env(
        new Option('--window <ms>', 'how far before the failed attempt started a change still counts')
          .argParser(durationMs)
          .default(5000),
        'WINDOW',
      ),
    )
    .addOption(
      env(
        new Option('--settle <ms>', 'quiet time that means the merge is over')
          .argParser(durationMs)
          .default(750),
        'SETTLE',
      ),
    )
    .addOption(
      env(
        new Option('--max-wait <ms>', 'longest wait for a merge to finish')
          .argParser(durationMs)
          .default(120_000),
        'MAX_WAIT',
      ),
    )
    .addOption(
      env(
        new Option('--stale-after <ms>', 'an installer marker unchanged this long is a crashed leftover')
          .argParser(durationMs)
          .default(60_000),
        'STALE_AFTER',
      ),
    )
    .addOption(
      env(
        new Option('--retries <n>', 'most retries of a build a merge broke')
          .argParser(nonNegativeInteger)
          .default(3),
        'RETRIES',
      ),
    )
    .addOption(
      env(
        new Option(
          '--evidence <kind>',
          'which changes count as evidence: relevant (the implicated package) or any',
        )
          .argParser(oneOf(['relevant', 'any'] as const))
          .default('relevant'),
        'EVIDENCE',
      ),
    )
    .option('--no-inprocess', 'do not load the in-process shim that heals plugin loads without a rebuild')
    .option('--hold', 'hold a build marker so cooperating merges wait (Portage merge-wait semantics)', false)
    .addOption(env(new Option('--report <file>', 'write the JSON report here (`-` for stderr)'), 'REPORT'))
    .option('-q, --quiet', 'print only errors and the summary of a retried build', false)
    .option('-v, --verbose', 'print every decision with its evidence', false)
    .addHelpText(
      'after',
      '\nExamples:\n  plugin-settle run -- python3 setup.py build\n  plugin-settle run --retries 1 --report report.json -- python3 -m build\n' +
        "\nExit status: the command's own; 128+N when it died of signal N; 125 bad usage or our own failure;\n" +
        '126 command not executable; 127 command not found.\nEvery option has an environment override PLUGIN_SETTLE_<NAME> (e.g. PLUGIN_SETTLE_RETRIES=1).',
    )
    .action(async (command: string, args: string[], options: RunCommandOptions, self: Command) => {
      applyBooleanEnv(self, options);
      const { runFromCli } = await import('../run/from-cli.js');
      process.exitCode = await runFromCli(command, args, options);
    });
}

function env(option: Option, name: string): Option {
  return option.env(`PLUGIN_SETTLE_${name}`);
}

function applyBooleanEnv(self: Command, options: RunCommandOptions): void {
  for (const [key, variable] of Object.entries(BOOLEAN_ENV) as [keyof typeof BOOLEAN_ENV, string][]) {
    const raw = process.env[variable];
    if (raw === undefined || self.getOptionValueSource(key) === 'cli') continue;
    try {
      options[key] = booleanValue(raw);
    } catch (error) {
      throw new UsageError(`${variable}: ${(error as Error).message}`);
    }
  }
}
