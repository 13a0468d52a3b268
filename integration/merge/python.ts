import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// setuptools' egg_info loads every `egg_info.writers` entry point; these interpreters bring a
// setuptools into a fresh venv (3.12+ do not). Found, not assumed.
const CANDIDATES = ['3.11.7', '3.10.13', '3.9.18', '3.8.18', '3.7.16'].map(
  (version) => `/root/.pyenv/versions/${version}/bin/python`,
);

export function findPythonWithSetuptools(): string | undefined {
  const fromEnv = process.env.PLUGIN_SETTLE_TEST_PYTHON;
  for (const python of [...(fromEnv ? [fromEnv] : []), ...CANDIDATES, '/usr/bin/python3']) {
    if (!existsSync(python)) continue;
    try {
      execFileSync(python, ['-c', 'import setuptools, venv, ensurepip'], { stdio: 'ignore' });
      return python;
    } catch {}
  }
  return undefined;
}

/** A fresh venv (with the interpreter's bundled setuptools) and its site-packages. */
export function makeVenv(python: string, dir: string): { python: string; sitePackages: string } {
  execFileSync(python, ['-m', 'venv', dir], { stdio: 'ignore' });
  const venvPython = join(dir, 'bin', 'python');
  const sitePackages = execFileSync(
    venvPython,
    ['-c', "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
    {
      encoding: 'utf8',
    },
  ).trim();
  execFileSync(venvPython, ['-c', 'import setuptools']);
  return { python: venvPython, sitePackages };
}
