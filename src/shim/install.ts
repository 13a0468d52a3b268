import { chmod, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PluginSettleError } from '../errors.js';
import { packageRoot } from '../paths.js';
import { compileShim, pythonsOnPath } from './compile.js';
import { shellQuote } from './env.js';
import { packageShims, type ShimLayout, shimLayout } from './layout.js';

export interface InstallShimsOptions {
  /** The command the PATH shims run for builds; default: this node and this package's CLI. */
  launcher?: string[];
  /** Interpreters to byte-compile the in-process shim for; default: every python3 on PATH. */
  compileFor?: string[];
}

export interface InstalledShims extends ShimLayout {
  /** Interpreters the in-process shim was byte-compiled for. */
  compiledFor: string[];
}

const PLACEHOLDER = "launcher='@PLUGIN_SETTLE_LAUNCHER@'";

/**
 * Lays the shims into `dir` (a CI image, /usr/local/lib/plugin-settle): bin/ with the PATH shims,
 * python/ with the in-process shim, portage/bashrc, and bin/.plugin-settle, a launcher that pins the
 * node and CLI installing them, so the shims keep working without this package on PATH. The in-process
 * shim is byte-compiled for the interpreters found, so a read-only install starts as fast as a cached one.
 * Our own files are replaced; nothing else in `dir` is touched.
 */
export async function installShims(dir: string, options: InstallShimsOptions = {}): Promise<InstalledShims> {
  const from = packageShims();
  const to = shimLayout(resolve(dir));
  const launcher = join(to.bin, '.plugin-settle');
  const command = options.launcher ?? [process.execPath, join(packageRoot, 'bin', 'plugin-settle.js')];
  try {
    await mkdir(to.dir, { recursive: true });
    for (const part of ['bin', 'python', 'portage']) {
      await rm(join(to.dir, part), { recursive: true, force: true });
      await cp(join(from.dir, part), join(to.dir, part), {
        recursive: true,
        verbatimSymlinks: true,
        filter: (source) => !source.includes('__pycache__'),
      });
    }
    const shim = join(to.bin, 'python');
    const script = await readFile(shim, 'utf8');
    if (!script.includes(PLACEHOLDER)) throw new Error(`${shim} has no launcher placeholder`);
    await writeFile(shim, script.replace(PLACEHOLDER, `launcher=${shellQuote(launcher)}`));
    await chmod(shim, 0o755);
    await writeFile(launcher, `#!/bin/sh\nexec ${command.map(shellQuote).join(' ')} "$@"\n`);
    await chmod(launcher, 0o755);
  } catch (error) {
    throw new PluginSettleError(
      `cannot install the shims into ${to.dir}: ${(error as Error).message}; choose a directory you can write to`,
      'shim-install',
      undefined,
      { cause: error },
    );
  }
  const pythons = options.compileFor ?? (await pythonsOnPath(process.env.PATH, [from.bin, to.bin]));
  return { ...to, compiledFor: await compileShim(to.python, pythons) };
}
