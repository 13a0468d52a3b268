import { Command } from 'commander';

export function demoCommand(): Command {
  return new Command('demo')
    .summary('show the race, unprotected and protected, on a throw-away venv')
    .description(
      'Make a venv, a project and a setuptools plugin in a temp dir, merge the plugin metadata-first while ' +
        'the project builds, and show the build failing bare, then succeeding under plugin-settle (by retry, ' +
        'and healed in process). Exits 0 when the story came out as expected.',
    )
    .option('--python <path>', 'base interpreter with setuptools and venv', 'python3')
    .option('--keep', 'keep the temp dir for a look afterwards', false)
    .action(async (options: { python: string; keep: boolean }) => {
      const { runDemo } = await import('../demo/index.js');
      process.exitCode = (await runDemo(options)) ? 0 : 1;
    });
}
