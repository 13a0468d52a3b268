import { chmod, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';

// A package's life under ebuild-sim.sh (Portage's phases, one bash each): depend, setup, compile,
// install, then pkg_postinst from the build's environment and pkg_postrm from the saved vdb copy,
// both after the hook has been uninstalled.
const SIM = fileURLToPath(new URL('./ebuild-sim.sh', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const SHIMS = fileURLToPath(new URL('../../shims/', import.meta.url));
export const CLI = fileURLToPath(new URL('../../bin/plugin-settle.js', import.meta.url));

export interface Build {
  dir: string;
  lib: string;
  T: string;
  bashrc: string;
  vdbEnv: string;
  env: Record<string, string>;
}

/**
 * Lays the shims with `hook` as lib/portage/bashrc and an /etc/portage/bashrc that sources it; with
 * `lib`, sources the hook of shims laid there already (an npm install, `plugin-settle shim install`).
 */
export async function prepareBuild(
  dir: string,
  hook: string,
  options: { bashrc?: string; python: string; lib?: string },
) {
  const lib = options.lib ?? join(dir, 'lib');
  if (!options.lib) {
    await mkdir(join(lib, 'portage'), { recursive: true });
    await cp(join(SHIMS, 'bin'), join(lib, 'bin'), { recursive: true });
    await cp(join(SHIMS, 'portage', 'report.py'), join(lib, 'portage', 'report.py'));
    await cp(hook, join(lib, 'portage', 'bashrc'));
  }
  const etc = join(dir, 'etc-portage-bashrc');
  await writeFile(etc, options.bashrc ?? `source '${join(lib, 'portage', 'bashrc')}'\n`);
  const T = join(dir, 'T');
  const S = join(dir, 'S');
  await mkdir(T);
  await mkdir(S);
  await writeFile(join(S, 'setup.py'), 'from setuptools import setup\nsetup(name="demo", version="1.0")\n');
  const version = (await execa(options.python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])']))
    .stdout;
  const build: Build = {
    dir,
    lib,
    T,
    bashrc: etc,
    vdbEnv: join(dir, 'vdb-environment'),
    env: {
      EBUILD: join(FIXTURES, 'demo-1.0.ebuild'),
      ECLASSDIR: join(FIXTURES, 'eclass'),
      PORTAGE_BASHRC: etc,
      T,
      S,
      VDB_ENV: join(dir, 'vdb-environment'),
      SIM_EPYTHON: `python${version}`,
      EPYTHON_REAL: options.python,
      PLUGIN_SETTLE_CLI: CLI,
      FEATURES: '',
    },
  };
  return build;
}

export function phase(build: Build, name: string, env: Record<string, string> = {}): ResultPromise {
  return execa('bash', [SIM, name], { env: { ...build.env, ...env }, reject: false, all: true });
}

/** The hook uninstalled: its directory gone, the source line taken out of /etc/portage/bashrc. */
export async function uninstall(build: Build) {
  await rm(build.lib, { recursive: true, force: true });
  await writeFile(build.bashrc, '');
}

/** pkg_postrm the way an unmerge runs it: a fresh T holding the vdb's environment (environment.raw set). */
export async function unmergeT(build: Build): Promise<string> {
  const T = join(build.dir, 'T-unmerge');
  await mkdir(T);
  await writeFile(join(T, 'environment'), await readFile(build.vdbEnv));
  await writeFile(join(T, 'environment.raw'), '');
  return T;
}

/** A stand-in for the system python behind python_wrapper_setup's symlink: a venv's, by a launcher. */
export async function launcherFor(python: string, dir: string): Promise<string> {
  const launcher = join(dir, 'python-launcher');
  await writeFile(launcher, `#!/bin/sh\nexec '${python}' "$@"\n`);
  await chmod(launcher, 0o755);
  return launcher;
}

// Bash's own variables that change under any sourced file; everything else must stay as it was.
const VOLATILE =
  /^declare -\S+ (BASH_LINENO|BASH_SOURCE|BASH_ARGC|BASH_ARGV|FUNCNAME|_|LINENO|RANDOM|SRANDOM|SECONDS|EPOCHREALTIME|EPOCHSECONDS|BASH_COMMAND|PIPESTATUS|BASHPID)=/;

/** What sourcing the user's bashrc changed in phase `name`, as [before, after] lines that differ. */
export async function bashrcChanges(
  T: string,
  name: string,
): Promise<{ added: string[]; removed: string[] }> {
  const read = async (which: string) =>
    (await readFile(join(T, `bashrc.${name}.${which}`), 'utf8'))
      .split('\n')
      .filter((line) => !VOLATILE.test(line));
  const before = await read('before');
  const after = await read('after');
  return {
    added: after.filter((line) => !before.includes(line)),
    removed: before.filter((line) => !after.includes(line)),
  };
}

/** Function names defined in a saved environment (`declare -fp` output). */
export function savedFunctions(environment: string): string[] {
  return [...environment.matchAll(/^([^\s=()]+) \(\) $/gm)].map((match) => match[1] ?? '');
}
