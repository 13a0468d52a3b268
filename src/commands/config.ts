import { Command } from 'commander';
import { addRunOptions } from './run.js';

export function configCommand(): Command {
  const command = new Command('config')
    .summary('show the effective run settings and where each came from')
    .description(
      'Resolve the settings `run` would use here — flags given to this command, PLUGIN_SETTLE_<NAME> ' +
        'variables, the nearest config file, defaults — and print each with its source. A config file is ' +
        'looked for from the working directory up to the repository root.',
    )
    .option('--json', 'print exactly one JSON object');
  return addRunOptions(command).action(async (options: { json?: boolean }, self: Command) => {
    const [{ applySettings }, { RUN_SETTINGS }, { describeSettings }] = await Promise.all([
      import('../config/apply.js'),
      import('../config/run-options.js'),
      import('../config/describe.js'),
    ]);
    const applied = await applySettings(self);
    const values = self.opts();
    const settings = RUN_SETTINGS.map((setting) => ({
      key: setting.key,
      value: values[setting.key] ?? null,
      source: applied.sources[setting.key],
    }));
    process.stdout.write(
      options.json
        ? `${JSON.stringify({ configFile: applied.configFile, settings: Object.fromEntries(settings.map(({ key, value, source }) => [key, { value, ...source }])) })}\n`
        : describeSettings(applied.configFile, settings),
    );
  });
}
