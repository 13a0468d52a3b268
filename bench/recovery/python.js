// @ts-check
// The interpreter the real-process benches build with. `python3` on PATH may be a pyenv bash shim that
// costs more than the build, so it is resolved to the real executable once.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const PREFERRED = '/root/.pyenv/versions/3.11.7/bin/python';

/** @type {string | undefined} */
let resolved;

/** $BENCH_PYTHON, else pyenv's 3.11.7 when present, else what `python3` really runs. */
export function benchPython() {
  if (resolved) return resolved;
  const named = process.env.BENCH_PYTHON ?? (existsSync(PREFERRED) ? PREFERRED : 'python3');
  resolved = execFileSync(named, ['-c', 'import sys; print(sys.executable)'], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: '' },
  }).trim();
  const probe = execFileSync(resolved, ['-c', 'import setuptools; print(setuptools.__version__)'], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: '' },
  });
  if (!probe.trim()) throw new Error(`${resolved} has no setuptools; set BENCH_PYTHON to one that has`);
  return resolved;
}

export function pythonVersion(python = benchPython()) {
  return execFileSync(
    python,
    ['-c', 'import sys, setuptools; print(sys.version.split()[0], setuptools.__version__)'],
    {
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: '' },
    },
  )
    .trim()
    .split(' ');
}

/**
 * A fresh venv that sees the base interpreter's setuptools (no ensurepip: milliseconds, not seconds).
 * @param {string} dir
 * @returns {{ python: string, sitePackages: string }}
 */
export function makeVenv(dir, python = benchPython()) {
  const env = { ...process.env, PYTHONPATH: '' };
  execFileSync(python, ['-m', 'venv', '--without-pip', '--system-site-packages', dir], { env });
  const venvPython = join(dir, 'bin', 'python');
  const sitePackages = execFileSync(
    venvPython,
    ['-c', "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
    {
      encoding: 'utf8',
      env,
    },
  ).trim();
  return { python: venvPython, sitePackages };
}
