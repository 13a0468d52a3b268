import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { atLeast, findInterpreters, makeVenv, tempDirs } from '../support/index.js';

// The watched site-packages is the one of the Python that will really run: a script's `#!` python
// (venv/bin/pip is the venv's), not whatever `python3` PATH finds. An interpreter that cannot be
// asked says why.
const { found } = await findInterpreters();
const python = found.filter((i) => atLeast(i.version, '3.6')).at(-1)?.python;
const temp = tempDirs();
afterAll(() => temp.cleanup());

async function reportedRoots(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const report = join(await temp.make('report'), 'report.json');
  const result = await runCli(['run', '--report', report, '--', ...args], options);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(await readFile(report, 'utf8')) as { roots: string[] }).roots;
}

async function sitePackagesOf(interpreter: string): Promise<string> {
  const { stdout } = await execa(interpreter, [
    '-c',
    "import sysconfig; print(sysconfig.get_paths()['purelib'])",
  ]);
  return stdout.trim();
}

describe.skipIf(!python)('run follows the #! line of the command', () => {
  it("venv/bin/pip: the venv's site-packages, not the base interpreter's", async () => {
    const venv = await makeVenv(python as string, join(await temp.make('venv'), 'venv'), { pip: true });
    const base = await sitePackagesOf(python as string);
    // pip's launcher names the venv's python by its absolute path: that is what will run.
    const shebang = (await readFile(join(venv.dir, 'bin', 'pip'), 'utf8')).split('\n')[0] ?? '';
    expect(shebang.startsWith(`#!${venv.dir}/bin/python`), shebang).toBe(true);
    const roots = await reportedRoots([join(venv.dir, 'bin', 'pip'), '--version']);
    expect(roots).toContain(venv.sitePackages);
    expect(roots).not.toContain(base);
    // Relative to the working directory, as users type it.
    expect(await reportedRoots(['venv/bin/pip', '--version'], { cwd: join(venv.dir, '..') })).toContain(
      venv.sitePackages,
    );
  });

  it("a venv whose path is too long for #!: distlib's /bin/sh launcher names the python", async () => {
    const long = join(await temp.make('venv'), 'v'.repeat(140));
    const venv = await makeVenv(python as string, long, { pip: true });
    const pip = await readFile(join(venv.dir, 'bin', 'pip'), 'utf8');
    expect(pip.split('\n')[0]).toBe('#!/bin/sh');
    const roots = await reportedRoots([join(venv.dir, 'bin', 'pip'), '--version']);
    expect(roots).toContain(venv.sitePackages);
  });

  it('#!/usr/bin/env python3.N: the python PATH finds by that name, not python3', async () => {
    const dir = await temp.make('env-shebang');
    const named = await makeVenv(python as string, join(dir, 'named'));
    const other = await makeVenv(python as string, join(dir, 'other'));
    // PATH finds `python3` in other/ first and `python3.99` only in named/: the fallback would
    // watch other's site-packages.
    await mkdir(join(dir, 'first'));
    await mkdir(join(dir, 'second'));
    // Launchers, not symlinks: a venv's python finds its pyvenv.cfg beside the path it was run by.
    const launcher = async (path: string, target: string) => {
      await writeFile(path, `#!/bin/sh\nexec ${target} "$@"\n`);
      await chmod(path, 0o755);
    };
    await launcher(join(dir, 'first', 'python3'), other.python);
    await launcher(join(dir, 'second', 'python3.99'), named.python);
    const tool = join(dir, 'tool');
    await writeFile(tool, '#!/usr/bin/env python3.99\nprint("built")\n');
    await chmod(tool, 0o755);
    const env = { PATH: `${join(dir, 'first')}:${join(dir, 'second')}:${process.env.PATH}` };
    const roots = await reportedRoots(['./tool'], { cwd: dir, env });
    expect(roots).toContain(named.sitePackages);
    expect(roots).not.toContain(other.sitePackages);
  });
});

describe('an interpreter that cannot be asked says why', () => {
  it('run --python nosuchpython: one warning naming it, and the build runs', async () => {
    const report = join(await temp.make('report'), 'report.json');
    const result = await runCli([
      'run',
      '--python',
      'nosuchpython',
      '--report',
      report,
      '--',
      'sh',
      '-c',
      'exit 3',
    ]);
    expect(result.code).toBe(3);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('nosuchpython'));
    expect(warnings).toEqual([
      'plugin-settle: warning: cannot find the interpreter nosuchpython on PATH, so no site-packages is watched (pass --python <a python interpreter> or --watch <site-packages dir>)',
    ]);
  });

  it('status --python <a script that prints nothing>: one line naming it and the fix, 125', async () => {
    const silent = join(await temp.make('silent'), 'silent');
    await writeFile(silent, '#!/bin/sh\nexit 0\n');
    await chmod(silent, 0o755);
    const result = await runCli(['status', '--python', silent]);
    expect(result.code).toBe(125);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `plugin-settle: no roots to look at: cannot ask ${silent} for its site-packages: it printed nothing, so it is not a Python interpreter (pass --python <a python interpreter> or --watch <site-packages dir>)\n`,
    );
  });

  it('status --python <a script that fails>: its status and last words', async () => {
    const failing = join(await temp.make('failing'), 'failing');
    await writeFile(failing, '#!/bin/sh\necho "no such module: sysconfig" >&2\nexit 4\n');
    await chmod(failing, 0o755);
    const result = await runCli(['status', '--python', failing]);
    expect(result.code).toBe(125);
    expect(result.stderr).toMatch(/it exited with status 4: no such module: sysconfig \(pass --python/);
  });
});
