import { Command, Option } from 'commander';
import { booleanValue, collectPaths, durationMs, nonNegativeInteger, oneOf } from '../config/parse.js';
import { UsageError } from '../errors.js';

export interface RunCommandOptions {
  python?: string;
  watch?: string[];
  window: number;
  settle: number;
  maxWait: number;
  staleAfter: number;
  killAfter: number;
  retries: number;
  evidence: 'relevant' | 'any';
  inprocess: boolean;
  hold: boolean;
  report?: string;
  quiet: boolean;
  verbose: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: commander's parser type is generic over the value.
type Parser = (value: string, previous: any) => any;

/** Options that take a value: flags, help, parser, default, and the PLUGIN_SETTLE_<NAME> override. */
const VALUE_OPTIONS: Array<[flags: string, help: string, parse?: Parser, fallback?: unknown]> = [
  [
    '--python <path>',
    'interpreter whose site-packages to watch (default: the command when it is a python, else python3)',
  ],
  ['--watch <dir>', 'watch this directory too (repeatable)', collectPaths],
  ['--window <ms>', 'how long before the failed attempt started a change still counts', durationMs, 5000],
  ['--settle <ms>', 'quiet time that, with no installer at work, means the merge is over', durationMs, 750],
  ['--max-wait <ms>', 'longest wait for a merge to finish', durationMs, 120_000],
  ['--stale-after <ms>', 'an installer marker unchanged this long is a crashed leftover', durationMs, 60_000],
  [
    '--kill-after <ms>',
    'after forwarding Ctrl-C or SIGTERM, how long the build may take to stop before SIGKILL',
    durationMs,
    1000,
  ],
  ['--retries <n>', 'most retries of a build that a merge broke', nonNegativeInteger, 3],
  [
    '--evidence <kind>',
    'which changes count: relevant (the implicated package) or any',
    oneOf(['relevant', 'any']),
    'relevant',
  ],
  ['--report <file>', 'write the JSON report here (`-` for stderr: stdout belongs to the build)'],
];

/** Flags take their environment override by hand: commander treats any set variable as true. */
const BOOLEAN_OPTIONS: Array<[flags: string, help: string, key: 'inprocess' | 'hold' | 'quiet' | 'verbose']> =
  [
    [
      '--no-inprocess',
      'do not load the in-process shim that heals plugin loads without a rebuild',
      'inprocess',
    ],
    ['--hold', 'hold a build marker so cooperating merges wait (Portage merge-wait semantics)', 'hold'],
    ['-q, --quiet', 'print only errors and the summary of a retried build', 'quiet'],
    ['-v, --verbose', 'print every decision with its evidence', 'verbose'],
  ];

export function runCommand(): Command {
  const command = new Command('run')
    .summary('wrap a build; retry it only if a plugin merge broke it')
    .description(
      'Run <command>, passing its output, input, signals and exit status through unchanged. When it fails ' +
        'because a setuptools plugin was being merged into site-packages meanwhile, wait until the merge is ' +
        'over and run it again; every other failure comes back at once, with one line saying why.',
    )
    .argument('<command>', 'the build command, e.g. python3')
    .argument('[args...]', 'its arguments (put `--` before the command so none is read as ours)')
    .passThroughOptions();
  for (const [flags, help, parse, fallback] of VALUE_OPTIONS) {
    const option = new Option(flags, help).env(envName(flags));
    if (parse) option.argParser(parse);
    if (fallback !== undefined) option.default(fallback);
    command.addOption(option);
  }
  for (const [flags, help, key] of BOOLEAN_OPTIONS) {
    command.option(flags, `${help} (env: PLUGIN_SETTLE_${key.toUpperCase()})`, key === 'inprocess');
  }
  return command
    .addHelpText(
      'after',
      '\nExamples:\n  plugin-settle run -- python3 setup.py build\n' +
        '  plugin-settle run --retries 1 --report report.json -- python3 -m build\n' +
        "\nExit status: the build's own; 128+N when it died of signal N; 125 bad usage or plugin-settle's own\n" +
        'failure; 126 command not executable; 127 command not found.',
    )
    .action(async (name: string, args: string[], options: RunCommandOptions, self: Command) => {
      applyBooleanEnv(self, options);
      const { runFromCli } = await import('../run/from-cli.js');
      process.exitCode = await runFromCli(name, args, options);
    });
}

/** `--max-wait <ms>` → PLUGIN_SETTLE_MAX_WAIT */
function envName(flags: string): string {
  return `PLUGIN_SETTLE_${flags
    .replace(/^--([\w-]+).*$/, '$1')
    .replaceAll('-', '_')
    .toUpperCase()}`;
}

function applyBooleanEnv(self: Command, options: RunCommandOptions): void {
  for (const [, , key] of BOOLEAN_OPTIONS) {
    const variable = `PLUGIN_SETTLE_${key.toUpperCase()}`;
    const raw = process.env[variable];
    if (raw === undefined || self.getOptionValueSource(key) === 'cli') continue;
    try {
      options[key] = booleanValue(raw);
    } catch (error) {
      throw new UsageError(`${variable}: ${(error as Error).message}`);
    }
  }
}
