import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { readReport, startWrapper } from '../race/wrapper.js';
import { startSteppedInstaller, tempDirs } from '../support/index.js';
import { type DebianVenv, debianVenv } from './debian-venv.js';
import { type HostPlugin, makeHostPlugin } from './host-plugin.js';

// pytest loads every `pytest11` entry point at start (pluggy's load_setuptools_entrypoints, through
// importlib.metadata). A plugin whose metadata is merged before its code kills the whole test run
// before a single test: Debian's real pytest 7.2 and pluggy 1.0, on Debian's python3.11.
const PACKAGES = [
  'python3-pytest',
  'python3-pluggy',
  'python3-iniconfig',
  'python3-packaging',
  'python3-attr',
];
const PLUGIN = 'racyplug';
const temp = tempDirs();
afterAll(() => temp.cleanup());

let plugin: HostPlugin;
beforeAll(async () => {
  plugin = await makeHostPlugin(await temp.make('pytest-plugin'), {
    name: PLUGIN,
    group: 'pytest11',
    entryPoint: `${PLUGIN} = ${PLUGIN}.plugin`,
    modules: {
      '__init__.py': '',
      'plugin.py': 'import pytest\n\n\n@pytest.fixture\ndef racy_answer():\n    return 42\n',
    },
  });
}, 120_000);

interface Race {
  venv: DebianVenv;
  project: string;
  installer: ReturnType<typeof startSteppedInstaller>;
}

/** A fresh venv and a test suite that needs the plugin's fixture; the plugin's metadata already merged. */
async function setUp(): Promise<Race> {
  const venv = await debianVenv(await temp.make('pytest-venv'), PACKAGES);
  const project = await temp.make('pytest-project');
  // rootdir here, no cache written: the run touches nothing outside its temp dirs.
  await writeFile(join(project, 'pytest.ini'), '[pytest]\naddopts = -p no:cacheprovider\n');
  await writeFile(
    join(project, 'test_answer.py'),
    'def test_answer(racy_answer):\n    assert racy_answer == 42\n',
  );
  const installer = startSteppedInstaller(plugin.dir, venv.sitePackages);
  // A pip-style temp name stays until `finish`: the installer shows it is at work.
  await installer.step('metadata', 'busy');
  return { venv, project, installer };
}

const pytest = (race: Race) => [race.venv.python, '-m', 'pytest', '-q'];
// Nothing of the machine's may leak in: no PYTHONPATH, no switch that turns plugin autoloading off.
// (The wrapper reads PLUGIN_SETTLE_* itself: an empty PLUGIN_SETTLE_INPROCESS would turn its shim off.)
const ENV = { PYTHONPATH: '', PYTEST_DISABLE_PLUGIN_AUTOLOAD: '', PYTEST_ADDOPTS: '' };

describe(`pytest plugins (pytest11, Debian's ${PACKAGES.join(', ')})`, () => {
  it('unwrapped: pytest crashes at start on the plugin merged metadata-first', async () => {
    const race = await setUp();
    const [python, ...args] = pytest(race);
    const bare = await execa(python!, args, { cwd: race.project, env: ENV, extendEnv: false, reject: false });
    await race.installer.close();
    expect(bare.exitCode, bare.stderr).not.toBe(0);
    expect(bare.stderr).toMatch(new RegExp(`ModuleNotFoundError: No module named '${PLUGIN}'$`, 'm'));
    expect(bare.stderr).toMatch(/pluggy\/_manager\.py", line \d+, in load_setuptools_entrypoints/);
    expect(bare.stdout).not.toMatch(/passed/);

    // The classifier reads pytest's own output: pluggy's loader, pytest's group, the plugin's module.
    const log = join(race.project, 'pytest.log');
    await writeFile(log, bare.stderr);
    const diagnosed = await runCli(['diagnose', '--json', log]);
    expect(JSON.parse(diagnosed.stdout)).toMatchObject({
      category: 'missing-module',
      module: PLUGIN,
      loader: { frame: 'pluggy:load_setuptools_entrypoints', group: 'pytest11' },
    });
  }, 120_000);

  it('wrapped: healed in process, the one pytest run passes', async () => {
    const race = await setUp();
    const report = join(race.project, 'report.json');
    const wrapper = startWrapper(['run', '--report', report, '--', ...pytest(race)], {
      cwd: race.project,
      env: ENV,
    });
    try {
      await wrapper.line(/plugin-settle: entry point racyplug failed .*waiting for the merge to settle/);
      await race.installer.step('code', 'finish');
      const done = await wrapper.done();
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toMatch(/1 passed/);
      expect(done.stderr).not.toMatch(/Traceback/);
      const written = await readReport(report);
      expect(written.result).toBe('succeeded');
      expect(written.attempts).toHaveLength(1);
      expect(written.inProcess.map((e) => e.event)).toEqual(['waiting', 'healed']);
      expect(written.inProcess[1]).toMatchObject({
        group: 'pytest11',
        entry_point: PLUGIN,
        module: `${PLUGIN}.plugin`,
      });
    } finally {
      wrapper.kill();
      await race.installer.close();
    }
  }, 120_000);

  it('wrapped without the shim: pytest is run again once the merge is over, and passes', async () => {
    const race = await setUp();
    const report = join(race.project, 'report.json');
    const wrapper = startWrapper(['run', '--no-inprocess', '--report', report, '--', ...pytest(race)], {
      cwd: race.project,
      env: ENV,
    });
    try {
      // The failed first run, read from pytest's stderr, made the wrapper wait for the installer.
      await wrapper.line(/^plugin-settle: waiting for/);
      await race.installer.step('code', 'finish');
      const done = await wrapper.done();
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toMatch(/1 passed/);
      const written = await readReport(report);
      expect(written.result).toBe('succeeded');
      expect(written.attempts).toHaveLength(2);
      expect(written.attempts[0]!.classification).toMatchObject({
        category: 'missing-module',
        module: PLUGIN,
        loader: { frame: 'pluggy:load_setuptools_entrypoints', group: 'pytest11' },
      });
      expect(written.attempts[0]!.decision).toMatchObject({ action: 'retry' });
    } finally {
      wrapper.kill();
      await race.installer.close();
    }
  }, 120_000);

  // `-p module` (like `pytest_plugins`) imports a module by name, no entry point: nothing to heal in
  // process, and pytest re-raises the failure as its own `ImportError: Error importing plugin "…"`.
  it("wrapped, a plugin module named with -p: pytest's own error is classified and pytest run again", async () => {
    const race = await setUp();
    const report = join(race.project, 'report.json');
    const command = [...pytest(race), '-p', `${PLUGIN}.plugin`];
    const wrapper = startWrapper(['run', '--report', report, '--', ...command], {
      cwd: race.project,
      env: { ...ENV, PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1' },
    });
    try {
      await wrapper.line(/^plugin-settle: waiting for/);
      await race.installer.step('code', 'finish');
      const done = await wrapper.done();
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toMatch(/1 passed/);
      expect(done.stderr).toMatch(
        `ImportError: Error importing plugin "${PLUGIN}.plugin": No module named '${PLUGIN}'`,
      );
      const written = await readReport(report);
      expect(written.attempts).toHaveLength(2);
      expect(written.attempts[0]!.judgedBy).toMatchObject({ event: 'exception' });
      expect(written.attempts[0]!.classification).toMatchObject({
        category: 'missing-module',
        module: PLUGIN,
        loader: { frame: 'pytest:import_plugin', group: null },
      });
      expect(written.inProcess.map((e) => e.event)).toEqual(['exception']);
    } finally {
      wrapper.kill();
      await race.installer.close();
    }
  }, 120_000);
});
