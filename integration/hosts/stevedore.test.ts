import { constants } from 'node:fs';
import { access, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { readReport, startWrapper } from '../race/wrapper.js';
import { startSteppedInstaller } from '../support/index.js';
import { type DebianVenv, debianVenv } from './debian-venv.js';
import { type HostPlugin, makeHostPlugin } from './host-plugin.js';

// stevedore (OpenStack's plugin host; Debian's python3-stevedore 4.0) finds a namespace's plugins in its
// own entry-point cache, `$XDG_CACHE_HOME/python-entrypoints/<hash>`, and loads each with importlib.metadata's
// EntryPoint.load. It writes that cache only when `sys.executable` is not under /tmp, so these venvs live
// in /var/tmp: the races below run with the cache live, as on a real host.
const PLUGIN = 'racydrv';
const NAMESPACE = 'racyapp.drivers';
const BASE = '/var/tmp';
const made: string[] = [];
const tempDir = async (label: string) => {
  const dir = await mkdtemp(join(BASE, `plugin-settle-stevedore-${label}-`));
  made.push(dir);
  return dir;
};
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

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
beforeAll(async () => {
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
}, 120_000);

interface Race {
  venv: DebianVenv;
  app: string;
  /** HOME and XDG_CACHE_HOME of the app: stevedore's cache is the test's own. */
  env: Record<string, string>;
  cache: string;
  installer: ReturnType<typeof startSteppedInstaller>;
}

async function setUp(): Promise<Race> {
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
async function upgrading(how: 'bare' | 'wrapped'): Promise<Race> {
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

async function pinCacheKey(race: Omit<Race, 'installer'>): Promise<void> {
  for (const file of await readdir(race.cache)) {
    const data = JSON.parse(await readFile(join(race.cache, file), 'utf8'));
    for (const [path, mtime] of data.path_values as [string, number][])
      if (mtime >= 0 && (path.startsWith(race.venv.dir) || path.startsWith(race.app)))
        await utimes(path, mtime, mtime).catch(() => undefined);
  }
}

/** The entry points of our namespace in every cache file stevedore wrote. */
async function cached(race: Race): Promise<unknown[]> {
  const files = await readdir(race.cache).catch(() => []);
  const entries = [];
  for (const file of files) {
    const data = JSON.parse(await readFile(join(race.cache, file), 'utf8'));
    entries.push(...(data.groups[NAMESPACE] ?? []));
  }
  return entries;
}

const ENTRY = ['racy', `${PLUGIN}.driver:Driver`, NAMESPACE];
const UPGRADED = ['racy', `${PLUGIN}.v2:Driver`, NAMESPACE];

describe("stevedore plugins (Debian's python3-stevedore)", () => {
  it('unwrapped: both managers fail on the driver merged metadata-first', async () => {
    const race = await setUp();
    const run = (mode: string) =>
      execa(race.venv.python, ['app.py', mode], {
        cwd: race.app,
        env: race.env,
        extendEnv: false,
        reject: false,
      });
    const strict = await run('driver');
    const lenient = await run('extensions');
    await race.installer.close();
    expect(strict.exitCode, strict.stderr).not.toBe(0);
    expect(strict.stderr).toMatch(new RegExp(`ModuleNotFoundError: No module named '${PLUGIN}'$`, 'm'));
    expect(strict.stderr).toMatch(/stevedore\/extension\.py", line \d+, in _load_one_plugin/);
    // The failure stevedore swallows: only its log line tells, and the app goes on without the driver.
    expect(lenient.exitCode).toBe(1);
    expect(lenient.stderr).toMatch(`Could not load 'racy': No module named '${PLUGIN}'`);
    expect(lenient.stderr).toMatch('racyapp: no racy driver loaded');
    // The cache written from the half-merged tree already names the plugin: its metadata was complete.
    expect(await cached(race)).toContainEqual(ENTRY);

    const log = join(race.app, 'driver.log');
    await writeFile(log, strict.stderr);
    const diagnosed = await runCli(['diagnose', '--json', log]);
    expect(JSON.parse(diagnosed.stdout)).toMatchObject({
      category: 'missing-module',
      module: PLUGIN,
      loader: { frame: 'stevedore:_load_one_plugin' },
    });
  }, 120_000);

  it.each([
    ['DriverManager', 'driver'],
    ['ExtensionManager, which would swallow the failure', 'extensions'],
  ])(
    'wrapped: %s healed in process, one run',
    async (_name, mode) => {
      const race = await setUp();
      const report = join(race.app, 'report.json');
      const wrapper = startWrapper(['run', '--report', report, '--', race.venv.python, 'app.py', mode], {
        cwd: race.app,
        env: race.env,
      });
      try {
        await wrapper.line(/plugin-settle: entry point racy failed .*waiting for the merge to settle/);
        await race.installer.step('code', 'finish');
        const done = await wrapper.done();
        expect(done.code, done.stderr).toBe(0);
        expect(done.stdout).toBe(`${PLUGIN} says hello\n`);
        expect(done.stderr).not.toMatch(/Could not load|Traceback/);
        const written = await readReport(report);
        expect(written.attempts).toHaveLength(1);
        expect(written.inProcess.map((e) => e.event)).toEqual(['waiting', 'healed']);
        expect(written.inProcess[1]).toMatchObject({
          group: NAMESPACE,
          entry_point: 'racy',
          module: `${PLUGIN}.driver`,
        });
      } finally {
        wrapper.kill();
        await race.installer.close();
      }
    },
    120_000,
  );

  it('wrapped, healing off: the swallowed failure is judged by the shim record and the app run again', async () => {
    const race = await setUp();
    const report = join(race.app, 'report.json');
    const wrapper = startWrapper(
      ['run', '--report', report, '--', race.venv.python, 'app.py', 'extensions'],
      {
        cwd: race.app,
        env: { ...race.env, PLUGIN_SETTLE_HEAL: '0' },
      },
    );
    try {
      await wrapper.line(/^plugin-settle: waiting for/);
      await race.installer.step('code', 'finish');
      const done = await wrapper.done();
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toBe(`${PLUGIN} says hello\n`);
      const written = await readReport(report);
      expect(written.result).toBe('succeeded');
      expect(written.attempts).toHaveLength(2);
      expect(written.attempts[0]!.classification).toMatchObject({
        category: 'missing-module',
        module: PLUGIN,
      });
      expect(written.inProcess[0]).toMatchObject({
        event: 'passed',
        group: NAMESPACE,
        reason: 'healing off',
      });
      // The run again read the cache the failed run wrote from the half-merged tree (stevedore keys it on
      // mtimes packed as 32-bit floats: 128 s apart at today's times), and that cache was right.
      expect(await cached(race)).toContainEqual(ENTRY);
    } finally {
      wrapper.kill();
      await race.installer.close();
    }
  }, 120_000);

  it('unwrapped: after an upgrade that moved the driver, stevedore loads the module its cache remembers', async () => {
    const race = await upgrading('bare');
    await race.installer.step('code', 'finish');
    await race.installer.close();
    await pinCacheKey(race);
    // The merge is over and the installed metadata names racydrv.v2; the cache still says racydrv.driver.
    const bare = await execa(race.venv.python, ['app.py', 'driver'], {
      cwd: race.app,
      env: race.env,
      extendEnv: false,
      reject: false,
    });
    expect(bare.exitCode).not.toBe(0);
    expect(bare.stderr).toMatch(
      new RegExp(`ModuleNotFoundError: No module named '${PLUGIN}\\.driver'$`, 'm'),
    );
    expect(await cached(race)).toContainEqual(ENTRY);
  }, 120_000);

  it('wrapped: an upgrade merged mid-run is healed from the installed metadata, and the stale cache dropped', async () => {
    const race = await upgrading('wrapped');
    const report = join(race.app, 'report.json');
    const wrapper = startWrapper(['run', '--report', report, '--', race.venv.python, 'app.py', 'driver'], {
      cwd: race.app,
      env: race.env,
    });
    try {
      await wrapper.line(/plugin-settle: entry point racy failed .*waiting for the merge to settle/);
      await race.installer.step('code', 'finish');
      const done = await wrapper.done();
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toBe(`${PLUGIN} 2 says hello\n`);
      expect(done.stderr).toMatch(
        `entry point racy is now ${PLUGIN}.v2:Driver (was ${PLUGIN}.driver:Driver)`,
      );
      const written = await readReport(report);
      expect(written.attempts).toHaveLength(1);
      expect(written.inProcess.map((e) => e.event)).toEqual(['waiting', 'healed']);
      // No cache file names the old module any more: the next run, wrapped or not, lists afresh.
      expect(await cached(race)).not.toContainEqual(ENTRY);
      const after = await execa(race.venv.python, ['app.py', 'driver'], {
        cwd: race.app,
        env: race.env,
        extendEnv: false,
      });
      expect(after.stdout).toBe(`${PLUGIN} 2 says hello`);
      expect(await cached(race)).toContainEqual(UPGRADED);
    } finally {
      wrapper.kill();
      await race.installer.close();
    }
  }, 120_000);
});
