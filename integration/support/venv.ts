import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { setuptoolsLaidIn } from './interpreters.js';

export interface Venv {
  dir: string;
  python: string;
  /** The venv's own purelib: the root a plugin is merged into, and the one to watch. */
  sitePackages: string;
}

export interface VenvOptions {
  /** Run ensurepip (seconds per venv). Default: no pip, the base interpreter's packages visible. */
  pip?: boolean;
}

/**
 * A fresh venv in `dir`. By default it sees the base interpreter's setuptools through
 * --system-site-packages instead of copying it in with ensurepip: the same setuptools, in milliseconds.
 * An interpreter without setuptools (see `findInterpreters`) gets Debian's copied into the venv.
 */
export async function makeVenv(python: string, dir: string, options: VenvOptions = {}): Promise<Venv> {
  const flags = options.pip ? [] : ['--without-pip', '--system-site-packages'];
  const made = await execa(python, ['-m', 'venv', ...flags, dir], { reject: false, env: { PYTHONPATH: '' } });
  if (made.exitCode !== 0) throw new Error(`${python} -m venv ${dir} failed: ${made.stderr.trim()}`);
  const venvPython = join(dir, 'bin', 'python');
  const purelib = await execa(
    venvPython,
    ['-c', "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
    {
      env: { PYTHONPATH: '' },
    },
  );
  const sitePackages = purelib.stdout.trim();
  for (const from of setuptoolsLaidIn(python) ?? [])
    for (const entry of await readdir(from))
      await cp(join(from, entry), join(sitePackages, entry), { recursive: true, preserveTimestamps: true });
  return { dir, python: venvPython, sitePackages };
}
