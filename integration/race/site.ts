import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { atLeast, type Interpreter, makeVenv } from '../support/index.js';

/** Where the plugin is merged and the build runs: a fresh venv, or on Python 2 a site dir on PYTHONPATH. */
export interface Site {
  /** The python the build runs (the command, so the wrapper watches its site-packages by default). */
  python: string;
  /** The directory the installer merges into. */
  root: string;
  /** The build's environment: a clean PYTHONPATH (the site dir on Python 2). */
  env: Record<string, string>;
  /** `run` options that make the wrapper watch `root`. */
  watchArgs: string[];
}

/**
 * Python 2.7 has no `venv`; its stand-in is a directory on PYTHONPATH (pkg_resources finds egg-info
 * there as in site-packages), which the wrapper is told to watch with `--watch`.
 */
export async function makeSite(interpreter: Interpreter, dir: string): Promise<Site> {
  if (atLeast(interpreter.version, '3.3')) {
    const venv = await makeVenv(interpreter.python, dir);
    return { python: venv.python, root: venv.sitePackages, env: { PYTHONPATH: '' }, watchArgs: [] };
  }
  const root = join(dir, 'site-packages');
  await mkdir(root, { recursive: true });
  return { python: interpreter.python, root, env: { PYTHONPATH: root }, watchArgs: ['--watch', root] };
}
