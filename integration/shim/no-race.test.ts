import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import {
  atLeast,
  findInterpreters,
  makePluginImage,
  makeProject,
  makeVenv,
  readJsonLines,
  startSteppedInstaller,
  tempDirs,
} from '../support/index.js';
import { snapshotFiles } from './files.js';
import { plainEnv, SHIM_PYTHON_DIR, shimEnv } from './shim-env.js';

// Without a race the shim must be invisible: same output, same status, same files, same tracebacks.
const { found } = await findInterpreters();
const pythons = found.filter((i) => atLeast(i.version, '3.6'));
const temp = tempDirs();
afterAll(() => temp.cleanup());

async function venvWithPlugin(python: string, hooks?: string) {
  const venv = await makeVenv(python, await temp.make('venv'));
  const image = await makePluginImage(await temp.make('image'), { name: 'calmplug' });
  if (hooks !== undefined) await writeFile(join(image.dir, 'calmplug', 'hooks.py'), hooks);
  const installer = startSteppedInstaller(image.dir, venv.sitePackages);
  await installer.step('metadata', 'code', 'finish');
  await installer.close();
  return { venv, image };
}

// Both builds run in the same directory (remade empty in between): tracebacks print absolute paths.
async function build(python: string, env: Record<string, string>, dir: string) {
  await rm(dir, { recursive: true, force: true });
  const project = await makeProject(dir);
  const result = await execa(python, ['setup.py', 'egg_info', 'build'], {
    cwd: project.dir,
    env,
    reject: false,
  });
  return {
    stdout: result.stdout,
    stderr: result.stderr,
    exitCode: result.exitCode,
    files: await snapshotFiles(project.dir),
  };
}

describe.each(pythons.map((p) => [`Python ${p.version}`, p.python] as const))(
  'no race, %s',
  (_label, python) => {
    it('builds byte-for-byte the same with and without the shim', async () => {
      const { venv } = await venvWithPlugin(python);
      const events = join(await temp.make('events'), 'events.jsonl');
      const dir = await temp.make('project');
      const plain = await build(venv.python, plainEnv, dir);
      const shimmed = await build(venv.python, shimEnv([venv.sitePackages], events), dir);
      expect(plain.exitCode).toBe(0);
      expect(plain.files['demo_project.egg-info/calmplug.txt']).toBe('calmplug was loaded\n');
      expect(shimmed).toEqual(plain);
      expect(await readJsonLines(events)).toEqual([]);
    });

    it('lets an unrelated ImportError through with the identical traceback', async () => {
      // The plugin itself is broken (imports what is not installed): a real error, never a race.
      const { venv } = await venvWithPlugin(python, 'import not_installed_anywhere\n');
      const events = join(await temp.make('events'), 'events.jsonl');
      const dir = await temp.make('project');
      const plain = await build(venv.python, plainEnv, dir);
      // Window 0: the venv was made a moment ago, and its fresh ctimes must not count as a merge.
      const shimmed = await build(
        venv.python,
        shimEnv([venv.sitePackages], events, { PLUGIN_SETTLE_WINDOW_MS: '0' }),
        dir,
      );
      expect(plain.exitCode).not.toBe(0);
      expect(plain.stderr).toMatch(/No module named '?not_installed_anywhere/);
      expect(shimmed).toEqual(plain);
      const records = await readJsonLines(events);
      expect(records).toMatchObject([
        { event: 'passed', module: 'calmplug.hooks', reason: 'no evidence', name: 'not_installed_anywhere' },
        { event: 'exception', name: 'not_installed_anywhere', executable: venv.python },
      ]);
      // The wrapper classifies these records: each holds the traceback exactly as the build printed it.
      const printed = String(records[1]!.traceback).trimEnd();
      expect(printed).toMatch(/^Traceback \(most recent call last\):\n/);
      expect(plain.stderr.endsWith(printed)).toBe(true);
      expect(records[1]!.roots).toContain(venv.sitePackages);
    });
  },
);

describe('the shim gives up when the merge never completes', () => {
  it.each(
    pythons
      .slice(0, 1)
      .concat(pythons.slice(-1))
      .map((p) => [p.version, p.python] as const),
  )(
    'Python %s: waits at most max-wait, then the failure as the bare build prints it',
    async (_version, python) => {
      const venv = await makeVenv(python, await temp.make('venv'));
      const image = await makePluginImage(await temp.make('image'), { name: 'stuckplug' });
      const installer = startSteppedInstaller(image.dir, venv.sitePackages);
      // An installer at work (its temp name stays) that never writes the code.
      await installer.step('metadata', 'busy');
      const events = join(await temp.make('events'), 'events.jsonl');
      const dir = await temp.make('project');
      const bare = await build(venv.python, plainEnv, dir);
      const result = await build(
        venv.python,
        shimEnv([venv.sitePackages], events, { PLUGIN_SETTLE_MAX_WAIT_MS: '1500' }),
        dir,
      );
      await installer.close();
      expect(bare.exitCode).not.toBe(0);
      expect(bare.stderr).toMatch(/No module named '?stuckplug/);
      // Only the shim's own two lines are added; the traceback is the bare build's, frame for frame.
      const ours = result.stderr.split('\n').filter((line) => line.startsWith('plugin-settle: '));
      expect(ours).toHaveLength(2);
      const rest = result.stderr.split('\n').filter((line) => !line.startsWith('plugin-settle: '));
      expect({ ...result, stderr: rest.join('\n') }).toEqual(bare);
      const seen = await readJsonLines(events);
      expect(seen.map((e) => e.event)).toEqual(['waiting', 'gave-up', 'exception']);
      expect(seen[1]).toMatchObject({ reason: 'max wait reached', group: 'egg_info.writers' });
      // The record of the exception that ended the build is its traceback as printed, our frames cut.
      expect(bare.stderr.endsWith(String(seen[2]!.traceback).trimEnd())).toBe(true);
    },
  );
});

describe('sitecustomize chaining', () => {
  it.each([
    ['inactive', {}],
    ['active', { PLUGIN_SETTLE_INPROCESS: '1' }],
  ] as const)('runs the sitecustomize it shadows (%s)', async (_mode, extra) => {
    const python = pythons.at(-1)!.python;
    const other = await temp.make('sitecustomize');
    await mkdir(other, { recursive: true });
    await writeFile(
      join(other, 'sitecustomize.py'),
      "import sys\nsys.stderr.write('the other sitecustomize ran\\n')\n",
    );
    const env = {
      ...shimEnv([other], join(other, 'events.jsonl'), extra),
      PYTHONPATH: `${shimEnv([], '').PYTHONPATH}:${other}`,
    };
    const result = await execa(python, ['-c', 'import sitecustomize; print(sitecustomize.__file__)'], {
      env,
    });
    expect(result.stderr).toBe('the other sitecustomize ran');
    expect(result.stdout).toBe(join(other, 'sitecustomize.py'));
  });
});

describe('two copies of the shim on PYTHONPATH', () => {
  it('chain past each other to the sitecustomize they shadow, once', async () => {
    const python = pythons.at(-1)!.python;
    const copy = await temp.make('shim-copy');
    await cp(SHIM_PYTHON_DIR, copy, { recursive: true });
    const other = await temp.make('sitecustomize');
    await writeFile(
      join(other, 'sitecustomize.py'),
      "import sys\nsys.stderr.write('the other sitecustomize ran\\n')\n",
    );
    const env = { PYTHONPATH: [SHIM_PYTHON_DIR, copy, other].join(':'), PLUGIN_SETTLE_INPROCESS: '1' };
    const result = await execa(python, ['-c', 'import sitecustomize; print(sitecustomize.__file__)'], {
      env,
    });
    expect(result.stderr).toBe('the other sitecustomize ran');
    expect(result.stdout).toBe(join(other, 'sitecustomize.py'));
  });
});

describe.skipIf(!found.some((i) => i.version.startsWith('2.')))('Python 2.7', () => {
  it.each([
    ['inactive', { PLUGIN_SETTLE_INPROCESS: '' }],
    ['active', { PLUGIN_SETTLE_INPROCESS: '1' }],
  ] as const)('imports the shim without error and chains (%s; healing needs 3.6+)', async (mode, extra) => {
    const python = found.find((i) => i.version.startsWith('2.'))!.python;
    const other = await temp.make('sitecustomize');
    await writeFile(
      join(other, 'sitecustomize.py'),
      "import sys\nsys.stderr.write('the other sitecustomize ran\\n')\n",
    );
    const env = {
      ...shimEnv([other], join(other, 'events.jsonl'), extra),
      PYTHONPATH: `${shimEnv([], '').PYTHONPATH}:${other}`,
    };
    const result = await execa(
      python,
      ['-c', 'import sitecustomize, sys; print(sitecustomize.__file__); print(len(sys.meta_path))'],
      { env },
    );
    expect(result.stderr).toBe('the other sitecustomize ran');
    const [file, finders] = result.stdout.split('\n');
    expect(file).toMatch(new RegExp(`^${other}/sitecustomize\\.pyc?$`));
    // Active, the only finder is the one that keeps the shim in pip's isolated builds.
    expect(finders).toBe(mode === 'active' ? '1' : '0');
  });

  it('records an exception that ends the process, with the traceback as Python 2 prints it', async () => {
    const python = found.find((i) => i.version.startsWith('2.'))!.python;
    const events = join(await temp.make('events'), 'events.jsonl');
    const bare = await execa(python, ['-c', 'import no_such_module_py2'], { env: plainEnv, reject: false });
    const shimmed = await execa(python, ['-c', 'import no_such_module_py2'], {
      env: shimEnv([], events),
      reject: false,
    });
    expect(shimmed.exitCode).toBe(1);
    expect(shimmed.stderr).toBe(bare.stderr);
    const records = await readJsonLines(events);
    expect(records).toMatchObject([{ event: 'exception', type: 'ImportError', argv0: '-c' }]);
    expect(String(records[0]!.traceback).trimEnd()).toBe(bare.stderr);
  });
});
