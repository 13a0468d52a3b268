import { Command, Option } from 'commander';
import { envName, parserFor, RUN_SETTINGS } from '../config/run-options.js';

export interface RunCommandOptions {
  python?: string;
  watch?: string[];
  window: number;
  settle: number;
  maxWait: number;
  staleAfter: number;
  killAfter: number;
  retries: number;
  onRetry?: string;
  evidence: 'relevant' | 'any';
  inprocess: boolean;
  hold: boolean;
  report?: string;
  quiet: boolean;
  verbose: boolean;
}

export function runCommand(): Command {
  const command = new Command('run')
    .summary('wrap a build; retry it only if a plugin merge broke it')
    .description(
      'Run <command>, passing its output, input, signals and exit status through unchanged. When it fails ' +
        'because a setuptools plugin was being merged into site-packages meanwhile, wait until the merge is ' +
        'over and run it again; every other failure comes back at once, with one line saying why. Settings ' +
        'come from the flags, then PLUGIN_SETTLE_<NAME> variables, then the nearest config file ' +
        '(plugin-settle.config.json, .plugin-settlerc.json, a "plugin-settle" key in package.json or ' +
        '[tool.plugin-settle] in pyproject.toml), ' +
        'then the defaults; `plugin-settle config` shows which applies.',
    )
    .argument('<command>', 'the build command, e.g. python3')
    .argument('[args...]', 'its arguments (put `--` before the command so none is read as ours)')
    .passThroughOptions();
  return addRunOptions(command)
    .addHelpText(
      'after',
      '\nExamples:\n  plugin-settle run -- python3 setup.py build\n' +
        '  plugin-settle run --retries 1 --report report.json -- python3 -m build\n' +
        "\nExit status: the build's own; 128+N when it died of signal N; 125 bad usage or plugin-settle's own\n" +
        'failure; 126 command not executable; 127 command not found.',
    )
    .action(async (name: string, args: string[], _options: RunCommandOptions, self: Command) => {
      // Loaded only when run runs: the other commands never pay for the run path.
      const { runAction } = await import('../cli/run-action.js');
      await runAction(name, args, self as Command & { opts(): RunCommandOptions });
    });
}

/** The run settings as commander options; `config` declares the same ones to show what they resolve to. */
export function addRunOptions(command: Command): Command {
  for (const setting of RUN_SETTINGS) {
    if (setting.kind === 'boolean') {
      // Flags take their environment override by hand (config/apply.ts): commander reads any set
      // variable, even PLUGIN_SETTLE_HOLD=0, as true.
      command.option(
        setting.flags,
        `${setting.help} (env: ${envName(setting.key)})`,
        setting.fallback as boolean,
      );
      if (setting.opposite)
        command.option(
          setting.opposite,
          `the opposite of ${setting.flags.split(', ').at(-1)}, over a variable or config file`,
        );
      continue;
    }
    const option = new Option(setting.flags, setting.help).env(envName(setting.key));
    const parse = parserFor(setting);
    if (parse) option.argParser(parse);
    if (setting.fallback !== undefined) option.default(setting.fallback);
    command.addOption(option);
  }
  return command;
}
