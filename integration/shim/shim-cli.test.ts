import { readdir, readFile, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { atLeast, findInterpreters, tempDirs } from '../support/index.js';

// `plugin-settle shim env|install`, through the built CLI.
const CLI = fileURLToPath(new URL('../../bin/plugin-settle.js', import.meta.url));
const SHIMS = fileURLToPath(new URL('../../shims', import.meta.url));
const { found } = await findInterpreters();
const python = found.filter((i) => atLeast(i.version, '3.6')).at(-1);
const temp = tempDirs();
afterAll(() => temp.cleanup());

const cli = (args: string[], options: { env?: Record<string, string> } = {}) =>
  execa('node', [CLI, ...args], { reject: false, ...options });

describe('plugin-settle shim env', () => {
  it('prints export lines that a shell evaluates into PATH and PYTHONPATH', async () => {
    const result = await cli(['shim', 'env']);
    expect(result.exitCode).toBe(0);
    const shell = await execa(
      'sh',
      ['-c', `eval "$1"; printf '%s\\n' "$PATH" "$PYTHONPATH"`, 'sh', result.stdout],
      {
        env: { PATH: '/usr/bin:/bin', PYTHONPATH: '/mine' },
      },
    );
    expect(shell.stdout.split('\n')).toEqual([
      [join(SHIMS, 'bin'), '/usr/bin', '/bin'].join(delimiter),
      [join(SHIMS, 'python'), '/mine'].join(delimiter),
    ]);
  });

  it('quotes a directory with spaces and quotes; --inprocess turns the shim on', async () => {
    const dir = join(await temp.make('env'), "it's a dir");
    const result = await cli(['shim', 'env', '--dir', dir, '--inprocess']);
    const shell = await execa(
      'sh',
      ['-c', `eval "$1"; printf '%s\\n' "$PATH" "$PLUGIN_SETTLE_INPROCESS"`, 'sh', result.stdout],
      {
        env: { PATH: '/bin' },
      },
    );
    expect(shell.stdout.split('\n')).toEqual([`${join(dir, 'bin')}:/bin`, '1']);
  });
});

describe('plugin-settle shim install', () => {
  it('lays bin/, python/ and portage/bashrc that work without the package on PATH', async () => {
    const dir = join(await temp.make('install'), 'plugin settle');
    const result = await cli(['shim', 'install', dir, '--json'], { env: { PATH: '/usr/bin:/bin' } });
    expect(result.exitCode).toBe(0);
    const layout = JSON.parse(result.stdout);
    expect(layout).toMatchObject({
      dir,
      bin: join(dir, 'bin'),
      python: join(dir, 'python'),
      bashrc: join(dir, 'portage', 'bashrc'),
    });
    expect(Array.isArray(layout.compiledFor)).toBe(true);
    expect(await readFile(layout.bashrc, 'utf8')).toMatch(/EBUILD_PHASE/);
    // The laid PATH shim hands builds to the launcher it was given, i.e. this package's CLI.
    const shim = join(layout.bin, 'python3');
    const help = await execa(shim, ['setup.py', '--help'], {
      env: { PATH: `${layout.bin}:/usr/bin:/bin`, PLUGIN_SETTLE_ACTIVE: '' },
      reject: false,
    });
    expect(help.stderr + help.stdout).not.toMatch(/no python3 on PATH/);
    const launcher = await execa(join(layout.bin, '.plugin-settle'), ['--version']);
    expect(launcher.stdout).toMatch(/\d+\.\d+\.\d+/);
  });

  it.skipIf(!python)(
    'the laid sitecustomize is the in-process shim, byte-compiled for the pythons on PATH',
    async () => {
      const dir = await temp.make('install');
      const pythonDir = dirname(python!.python);
      const result = await cli(['shim', 'install', dir, '--json'], {
        env: { PATH: `${pythonDir}:/usr/bin:/bin` },
      });
      expect(JSON.parse(result.stdout).compiledFor).toContain(join(pythonDir, 'python3'));
      const tag = `cpython-${python!.version.split('.').slice(0, 2).join('')}`;
      expect(await readdir(join(dir, 'python', '__pycache__'))).toContain(`sitecustomize.${tag}.pyc`);
      const probe = await execa(
        python!.python,
        ['-c', 'import sys; print([type(f).__name__ for f in sys.meta_path][0])'],
        {
          env: { PYTHONPATH: join(dir, 'python'), PLUGIN_SETTLE_INPROCESS: '1' },
        },
      );
      expect(probe.stdout).toBe('PatchOnImport');
    },
  );

  it('says what to do when the directory cannot be written', async () => {
    const file = join(await temp.make('install'), 'a-file');
    await writeFile(file, '');
    const result = await cli(['shim', 'install', join(file, 'sub')]);
    expect(result.exitCode).toBe(125);
    expect(result.stderr).toMatch(
      /^plugin-settle: cannot install the shims into .*; choose a directory you can write to$/,
    );
  });
});
