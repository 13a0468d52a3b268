import { chmod, readFile, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValidReport } from '../report/validate.js';
import {
  atLeast,
  findInterpreters,
  makePluginImage,
  makeProject,
  makeVenv,
  startSteppedInstaller,
  tempDirs,
  type Venv,
  waitFor,
} from '../support/index.js';

// shims/bin/python3 in front of a venv's bin: builds go through `plugin-settle run`, the rest is the
// real interpreter. A fake CLI records how it was called, so "not wrapped" is an observable fact.
const SHIM_BIN = fileURLToPath(new URL('../../shims/bin', import.meta.url));
const CLI = fileURLToPath(new URL('../../bin/plugin-settle.js', import.meta.url));
const { found } = await findInterpreters();
const python = found.filter((i) => atLeast(i.version, '3.6')).at(-1);
const temp = tempDirs();
afterAll(() => temp.cleanup());

let venv: Venv;
let fakeCli: string;
let calls: string;
beforeAll(async () => {
  if (!python) return;
  venv = await makeVenv(python.python, await temp.make('venv'));
  const dir = await temp.make('fake-cli');
  calls = join(dir, 'calls');
  fakeCli = join(dir, 'plugin-settle');
  // NUL-separated argv: any byte an argument may hold survives the trip.
  await writeFile(fakeCli, `#!/bin/sh\nprintf '%s\\0' "$@" >> '${calls}'\n`);
  await chmod(fakeCli, 0o755);
});

/** What the shim finds for `python3` behind itself: the venv's. */
const real = () => join(dirname(venv.python), 'python3');

function throughShim(args: string[], env: Record<string, string> = {}, cwd?: string) {
  return execa(join(SHIM_BIN, 'python3'), args, {
    env: {
      PATH: [SHIM_BIN, dirname(venv.python), process.env.PATH].join(delimiter),
      PLUGIN_SETTLE_CLI: fakeCli,
      ...env,
    },
    reject: false,
    ...(cwd ? { cwd } : {}),
  });
}

async function recordedCalls(): Promise<string[] | undefined> {
  try {
    return (await readFile(calls, 'utf8')).split('\0').slice(0, -1);
  } catch {
    return undefined;
  }
}

const AWKWARD = ['a b', "it's", 'say "hi"', 'two\nlines', '', '$HOME', '*'];

describe.skipIf(!python)(`PATH shim over Python ${python?.version}`, () => {
  it('runs anything that is not a build as the real interpreter, arguments unchanged', async () => {
    const result = await throughShim([
      '-c',
      'import sys, json; print(json.dumps([sys.executable] + sys.argv[1:]))',
      ...AWKWARD,
    ]);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([join(dirname(venv.python), 'python3'), ...AWKWARD]);
    expect(await recordedCalls()).toBeUndefined();
  });

  it('routes setup.py, -m build, -m pip install|wheel and -m gpep517 through plugin-settle run', async () => {
    const builds = [
      ['setup.py', 'egg_info'],
      ['-u', 'setup.py', 'build', ...AWKWARD],
      ['-m', 'build', '--wheel'],
      ['-m', 'pip', 'install', '.'],
      ['-m', 'pip', 'wheel', '.'],
      ['-X', 'dev', '-m', 'gpep517', 'build-wheel'],
    ];
    for (const args of builds) {
      await writeFile(calls, '');
      const result = await throughShim(args);
      expect(result.exitCode).toBe(0);
      expect(await recordedCalls()).toEqual(['run', '--python', real(), '--', real(), ...args]);
    }
  });

  it('-m pip list is not a build; PLUGIN_SETTLE_SHIM_MATCH changes what is', async () => {
    await writeFile(calls, '');
    expect((await throughShim(['-m', 'pip', 'list', '--help'])).exitCode).not.toBe(125);
    expect(await recordedCalls()).toEqual([]);
    await throughShim(['-c', 'pass'], { PLUGIN_SETTLE_SHIM_MATCH: '-c*' });
    expect(await recordedCalls()).toEqual([]);
    await throughShim(['tool.py', 'x'], { PLUGIN_SETTLE_SHIM_MATCH: 'other.py*:tool.py x' });
    expect(await recordedCalls()).toEqual(['run', '--python', real(), '--', real(), 'tool.py', 'x']);
  });

  it('never wraps twice: under PLUGIN_SETTLE_ACTIVE=1 a build is the real interpreter', async () => {
    const project = await makeProject(await temp.make('project'));
    await writeFile(calls, '');
    const result = await throughShim(
      ['setup.py', '-q', 'egg_info'],
      { PLUGIN_SETTLE_ACTIVE: '1' },
      project.dir,
    );
    expect(result.exitCode).toBe(0);
    expect(await recordedCalls()).toEqual([]);
  });

  it('end to end: a build through the shim runs under the real wrapper, which heals the race in one attempt', async () => {
    const image = await makePluginImage(await temp.make('image'), { name: 'pathplug' });
    const installer = startSteppedInstaller(image.dir, venv.sitePackages);
    const project = await makeProject(await temp.make('project'));
    const report = join(project.dir, 'report.json');
    await installer.step('metadata');
    const build = execa(join(SHIM_BIN, 'python3'), ['setup.py', '-q', 'egg_info'], {
      cwd: project.dir,
      env: {
        PATH: [SHIM_BIN, dirname(venv.python), process.env.PATH].join(delimiter),
        PLUGIN_SETTLE_CLI: CLI,
        // The shim adds nothing but `run`: the report file goes in through run's environment override.
        PLUGIN_SETTLE_REPORT: report,
      },
      reject: false,
      all: true,
    });
    let output = '';
    build.all?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await waitFor('the shim saying it waits for the merge', async () =>
      /waiting for the merge/.test(output) ? true : undefined,
    );
    await installer.step('code', 'finish');
    await installer.close();
    const result = await build;
    expect(result.exitCode).toBe(0);
    const written = JSON.parse(await readFile(report, 'utf8'));
    assertValidReport(written);
    expect(written.command).toEqual([real(), 'setup.py', '-q', 'egg_info']);
    expect(written.attempts).toHaveLength(1);
    expect(written.inProcess.map((e) => e.event)).toEqual(['waiting', 'healed']);
    expect(await readFile(join(project.dir, 'demo_project.egg-info', image.writerFile), 'utf8')).toMatch(
      /pathplug/,
    );
  });
});
