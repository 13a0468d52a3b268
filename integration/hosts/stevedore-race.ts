import { constants } from 'node:fs';
import { access, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { expect } from 'vitest';
import { runCli } from '../cli.js';
import { type SteppedInstaller, startSteppedInstaller } from '../support/index.js';
import { type DebianVenv, debianVenv } from './debian-venv.js';
import { type HostPlugin, makeHostPlugin } from './host-plugin.js';

// stevedore (OpenStack's plugin host; Debian's python3-stevedore 4.0) finds a namespace's plugins in its
// own entry-point cache, `$XDG_CACHE_HOME/python-entrypoints/<hash>`, and loads each with importlib.metadata's
// EntryPoint.load. It writes that cache only when `sys.executable` is not under /tmp, so these venvs live
// in /var/tmp: the races run with the cache live, as on a real host.
export const PLUGIN = 'racydrv';
export const NAMESPACE = 'racyapp.drivers';
/** The entry point as stevedore caches it, before and after the upgrade that moved the driver. */
export const ENTRY = ['racy', `${PLUGIN}.driver:Driver`, NAMESPACE];
export const UPGRADED = ['racy', `${PLUGIN}.v2:Driver`, NAMESPACE];
const BASE = '/var/tmp';
const made: string[] = [];
const tempDir = async (label: string) => {
  const dir = await mkdtemp(join(BASE, `plugin-settle-stevedore-${label}-`));
  made.push(dir);
  return dir;
};
export const cleanup = () =>
  Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));

// One application, two ways of loading a driver. DriverManager re-raises a plugin's load failure;
// ExtensionManager logs it ("Could not load 'racy': …") and goes on without the plugin; stevedore's
// logger has a NullHandler, so without the app's logging set up (as services do) nothing would show.
const APP = `import logging
import sys
from stevedore import driver, extension

logging.basicConfig(format='%(name)s: %(message)s')

if sys.argv[1] == 'driver':
    manager = driver.DriverManager(namespace='${NAMESPACE}', name='racy', invoke_on_load=True)
    print(manager.driver.hello())
else:
    manager = extension.ExtensionManager(namespace='${NAMESPACE}', invoke_on_load=True)
    if 'racy' not in manager.names():
        sys.exit('racyapp: no racy driver loaded')
    print(manager['racy'].obj.hello())
`;

let plugin: HostPlugin;
// The next version moved the driver to another module: `racy = racydrv.v2:Driver`, no racydrv/driver.py.
let upgrade: HostPlugin;

/** The plugin's two versions, as installer images; once per test file. */
export async function makeImages(): Promise<void> {
  await access(BASE, constants.W_OK);
  upgrade = await makeHostPlugin(await tempDir('upgrade'), {
    name: PLUGIN,
    group: NAMESPACE,
    entryPoint: `racy = ${PLUGIN}.v2:Driver`,
    modules: {
      '__init__.py': '',
      'v2.py': `class Driver(object):\n    def hello(self):\n        return '${PLUGIN} 2 says hello'\n`,
    },
  });
  plugin = await makeHostPlugin(await tempDir('plugin'), {
    name: PLUGIN,
    group: NAMESPACE,
    entryPoint: `racy = ${PLUGIN}.driver:Driver`,
    modules: {
      '__init__.py': '',
      'driver.py': `class Driver(object):\n    def hello(self):\n        return '${PLUGIN} says hello'\n`,
    },
  });
}

export interface Race {
  venv: DebianVenv;
  app: string;
  /** HOME and XDG_CACHE_HOME of the app: stevedore's cache is the test's own. */
  env: Record<string, string>;
  cache: string;
  installer: SteppedInstaller;
}

/** A fresh venv, app and HOME; version 1 of the plugin merging, its metadata there and its code not. */
export async function setUp(): Promise<Race> {
  return begin(await freshRace(), plugin);
}

async function freshRace(): Promise<Omit<Race, 'installer'>> {
  const venv = await debianVenv(await tempDir('venv'), ['python3-stevedore']);
  const app = await tempDir('app');
  await writeFile(join(app, 'app.py'), APP);
  const home = await tempDir('home');
  const env = { HOME: home, XDG_CACHE_HOME: join(home, '.cache'), PYTHONPATH: '' };
  return { venv, app, env, cache: join(home, '.cache', 'python-entrypoints') };
}

async function begin(race: Omit<Race, 'installer'>, image: HostPlugin): Promise<Race> {
  const installer = startSteppedInstaller(image.dir, race.venv.sitePackages);
  // Metadata first, and a pip-style temp name until `finish`: an installer at work.
  await installer.step('metadata', 'busy');
  return { ...race, installer };
}

/**
 * Version 1 installed and used once (stevedore cached its entry point), then the upgrade begun: the old
 * module gone, the new metadata in, the new module not yet. The mtimes stevedore hashed are set back to
 * what its cache file recorded: its key, 32-bit floats of mtimes, already stays the same for 128 s, and
 * this makes the stale cache certain rather than likely.
 */
export async function upgrading(how: 'bare' | 'wrapped'): Promise<Race> {
  const race = await freshRace();
  const first = startSteppedInstaller(plugin.dir, race.venv.sitePackages);
  await first.step('metadata', 'code', 'finish');
  await first.close();
  // Used the way the later run will be: the wrapped process has the shim's directory on sys.path,
  // which is part of stevedore's cache key.
  const command = [race.venv.python, 'app.py', 'driver'];
  const used =
    how === 'bare'
      ? await execa(command[0]!, command.slice(1), { cwd: race.app, env: race.env, extendEnv: false })
      : await runCli(['run', '--', ...command], { cwd: race.app, env: race.env });
  expect(used.stdout.trim()).toBe(`${PLUGIN} says hello`);
  await rm(join(race.venv.sitePackages, PLUGIN, 'driver.py'));
  await rm(join(race.venv.sitePackages, PLUGIN, '__pycache__'), { recursive: true, force: true });
  const upgraded = await begin(race, upgrade);
  await pinCacheKey(upgraded);
  return upgraded;
}

export async function pinCacheKey(race: Omit<Race, 'installer'>): Promise<void> {
  for (const file of await readdir(race.cache)) {
    const data = JSON.parse(await readFile(join(race.cache, file), 'utf8'));
    for (const [path, mtime] of data.path_values as [string, number][])
      if (mtime >= 0 && (path.startsWith(race.venv.dir) || path.startsWith(race.app)))
        await utimes(path, mtime, mtime).catch(() => undefined);
  }
}

/** The entry points of our namespace in every cache file stevedore wrote. */
export async function cached(race: Race): Promise<unknown[]> {
  const files = await readdir(race.cache).catch(() => []);
  const entries = [];
  for (const file of files) {
    const data = JSON.parse(await readFile(join(race.cache, file), 'utf8'));
    entries.push(...(data.groups[NAMESPACE] ?? []));
  }
  return entries;
}
