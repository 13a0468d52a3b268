import { readdir, readFile, symlink } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phase, prepareBuild } from '../portage/lifecycle.js';
import { assertValidReport } from '../report/validate.js';
import { atLeast, findInterpreters, makeProject, makeVenv, tempDirs, type Venv } from '../support/index.js';

// The package as users get it: `npm pack` of this checkout (after `npm run build`), installed with
// `npm install -g --prefix`, then used only through what that install put on disk.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHIM_NAMES = ['python', 'python3', ...Array.from({ length: 9 }, (_, i) => `python3.${i + 6}`)];
const { found } = await findInterpreters();
const python = found.filter((i) => atLeast(i.version, '3.6')).at(-1);
const temp = tempDirs();
afterAll(() => temp.cleanup());

let tarball: string;
let prefix: string;
let installed: string;
let venv: Venv;
let pythons: string;
beforeAll(async () => {
  // The machine's interpreters by their plain names, one directory: PATH stays short and free of
  // pyenv's slow shims, and which python3.N exists here is known.
  pythons = await temp.make('pythons');
  for (const interpreter of found) {
    const [major, minor] = interpreter.version.split('.');
    await symlink(interpreter.python, join(pythons, `python${major}.${minor}`)).catch(() => undefined);
  }
  const packDir = await temp.make('pack');
  const packed = await execa('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: ROOT });
  const [info] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
  tarball = join(packDir, info?.filename ?? '');
  prefix = await temp.make('prefix');
  await execa('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tarball]);
  installed = join(prefix, 'lib', 'node_modules', 'plugin-settle');
  if (python) venv = await makeVenv(python.python, await temp.make('venv'));
});

/** PATH as a user has it after the install, the venv's python behind whatever goes in front. */
const userPath = (...front: string[]) =>
  [
    ...front,
    join(prefix, 'bin'),
    dirname(venv.python),
    pythons,
    dirname(process.execPath),
    '/usr/bin',
    '/bin',
  ].join(delimiter);

describe.skipIf(!python)('the published tarball', () => {
  it('carries every shim, the hook, the LICENSE and the bundle, and no runtime dependency', async () => {
    const listed = (await execa('tar', ['tzf', tarball])).stdout.split('\n');
    for (const name of SHIM_NAMES) expect(listed).toContain(`package/shims/bin/${name}`);
    for (const file of [
      'shims/portage/bashrc',
      'shims/portage/report.py',
      'LICENSE',
      'dist/cli.js',
      'bin/plugin-settle.js',
    ]) {
      expect(listed).toContain(`package/${file}`);
    }
    expect(listed.filter((entry) => entry.includes('__pycache__'))).toEqual([]);
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(await readdir(installed)).not.toContain('node_modules');
  });

  it('installs a working CLI: bundled commander/execa/chokidar, nothing fetched', async () => {
    const result = await execa('plugin-settle', ['--version'], { env: { PATH: userPath() } });
    expect(result.stdout).toBe(JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).version);
    const status = await execa('plugin-settle', ['status', '--json', '--python', venv.python], {
      env: { PATH: userPath() },
    });
    expect(JSON.parse(status.stdout).roots).toContain(venv.sitePackages);
  });

  it('every installed python shim execs the interpreter of its own name, or says none is on PATH', async () => {
    for (const name of SHIM_NAMES) {
      const shim = join(installed, 'shims', 'bin', name);
      const real = await execa('bash', ['-c', `type -P ${name}`], {
        env: { PATH: userPath() },
        reject: false,
      });
      const result = await execa(shim, ['-c', 'import sys; print(sys.executable)'], {
        env: { PATH: userPath(join(installed, 'shims', 'bin')) },
        reject: false,
        timeout: 20_000,
      });
      if (real.exitCode === 0) {
        expect(result.exitCode, `${name}: ${result.stderr}`).toBe(0);
        const expected = await execa(real.stdout, ['-c', 'import sys; print(sys.executable)'], {
          timeout: 20_000,
        });
        expect(result.stdout).toBe(expected.stdout);
      } else {
        expect(result.exitCode).toBe(127);
        expect(result.stderr).toMatch(new RegExp(`no ${name.replace('.', '\\.')} on PATH`));
      }
    }
  });

  it('`eval "$(plugin-settle shim env)"` wraps `python3 setup.py` through the installed shims', async () => {
    const project = await makeProject(await temp.make('project'));
    const report = join(project.dir, 'report.json');
    const result = await execa(
      'bash',
      ['-c', 'eval "$(plugin-settle shim env)" && type -P python3 && python3 setup.py -q egg_info'],
      { cwd: project.dir, env: { PATH: userPath(), PLUGIN_SETTLE_REPORT: report }, reject: false },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(join(installed, 'shims', 'bin', 'python3'));
    const written = JSON.parse(await readFile(report, 'utf8'));
    assertValidReport(written);
    expect(written.command).toEqual([join(dirname(venv.python), 'python3'), 'setup.py', '-q', 'egg_info']);
    expect(written.result).toBe('succeeded');
  });

  it.each([
    ['in the npm install', async () => installedShims()],
    ['laid by the installed `plugin-settle shim install`', async () => shimInstall()],
  ])('the Portage hook %s wraps src_compile through the installed CLI', async (_, where) => {
    const lib = await where();
    const dir = await temp.make('portage');
    const build = await prepareBuild(dir, join(lib, 'portage', 'bashrc'), { python: venv.python, lib });
    const env = { PATH: userPath(), PLUGIN_SETTLE_CLI: '' };
    for (const name of ['depend', 'setup', 'compile', 'install']) {
      const result = await phase(build, name, env);
      expect(result.exitCode, `${name}: ${String(result.all)}`).toBe(0);
    }
    const reports = (await readdir(build.T)).filter((name) => name.startsWith('plugin-settle.compile.'));
    expect(reports).toHaveLength(1);
    const report = JSON.parse(await readFile(join(build.T, reports[0] ?? ''), 'utf8'));
    expect(report.command.slice(1)).toEqual(['setup.py', '-q', 'egg_info']);
    expect(report.result).toBe('succeeded');
  });
});

function installedShims(): string {
  return join(installed, 'shims');
}

async function shimInstall(): Promise<string> {
  const lib = join(await temp.make('lib'), 'plugin-settle');
  await execa('plugin-settle', ['shim', 'install', lib], { env: { PATH: userPath() } });
  return lib;
}
