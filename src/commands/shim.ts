import { Command } from 'commander';

interface EnvOptions {
  dir?: string;
  inprocess?: boolean;
}

export function shimCommand(): Command {
  const shim = new Command('shim').description(
    'the drop-in shims: wrap python builds without editing their scripts (PATH shims, sitecustomize, Portage bashrc)',
  );
  shim
    .command('env')
    .description(
      'print the shell `export` lines that put the shims in front (eval "$(plugin-settle shim env)")',
    )
    .option('--dir <dir>', 'shims laid by `shim install <dir>` (default: the ones in this package)')
    .option('--inprocess', 'also turn the in-process shim on for every python, wrapped or not')
    .action(async (options: EnvOptions) => {
      const { packageShims, shimEnvLines, shimLayout } = await import('../shim/index.js');
      const { resolve } = await import('node:path');
      const layout = options.dir ? shimLayout(resolve(options.dir)) : packageShims();
      process.stdout.write(`${shimEnvLines(layout, { inProcess: options.inprocess === true }).join('\n')}\n`);
    });
  shim
    .command('install')
    .description('lay the shims into <dir> (bin/, python/, portage/bashrc), e.g. for a CI image')
    .argument('<dir>', 'target directory, created if missing, e.g. /usr/local/lib/plugin-settle')
    .option('--json', 'print one JSON object describing what was laid')
    .action(async (dir: string, options: { json?: boolean }) => {
      const { installShims, shimEnvLines } = await import('../shim/index.js');
      const layout = await installShims(dir);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(layout)}\n`);
        return;
      }
      process.stdout.write(`${shimEnvLines(layout).join('\n')}\n`);
      process.stderr.write(
        `plugin-settle: shims laid in ${layout.dir}; for Portage add to /etc/portage/bashrc: source ${layout.bashrc}\n`,
      );
    });
  return shim;
}
