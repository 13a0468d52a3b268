import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { PluginSettleError } from '../errors.js';

export interface Scene {
  dir: string;
  python: string;
  sitePackages: string;
  project: string;
  /** What an installer merges: the plugin's code and its metadata, as separate trees. */
  image: { code: string; metadata: string };
}

const PLUGIN = 'demoplug';

/**
 * A throw-away world: a venv (sharing the base interpreter's setuptools, so no network and no pip),
 * a project whose `egg_info` loads plugins, and a plugin with an `egg_info.writers` entry point.
 */
export async function makeScene(basePython: string): Promise<Scene> {
  const dir = await mkdtemp(join(tmpdir(), 'plugin-settle-demo-'));
  const check = await execa(basePython, ['-c', 'import setuptools, venv'], {
    reject: false,
    stdin: 'ignore',
  });
  if (check.failed) {
    throw new PluginSettleError(
      `${basePython} cannot run the demo: it needs setuptools and venv (${String(check.stderr).trim().split('\n').at(-1) ?? check.shortMessage}); pass --python <path> to one that has them`,
      'demo-python',
    );
  }
  const venv = join(dir, 'venv');
  await execa(basePython, ['-m', 'venv', '--without-pip', '--system-site-packages', venv], {
    stdin: 'ignore',
  });
  const python = join(venv, 'bin', 'python');
  const { stdout } = await execa(python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])']);
  const project = join(dir, 'project');
  await mkdir(project);
  await writeFile(
    join(project, 'setup.py'),
    "from setuptools import setup\nsetup(name='demoproject', version='1.0', py_modules=['demoproject'])\n",
  );
  await writeFile(join(project, 'demoproject.py'), 'ANSWER = 42\n');
  const image = { code: join(dir, 'image-code'), metadata: join(dir, 'image-metadata') };
  await mkdir(join(image.code, PLUGIN), { recursive: true });
  await writeFile(
    join(image.code, PLUGIN, '__init__.py'),
    "def write(cmd, basename, filename):\n    cmd.write_file('demoplug marker', filename, 'demoplug was here\\n')\n",
  );
  const info = join(image.metadata, `${PLUGIN}-1.0-py3.egg-info`);
  await mkdir(info, { recursive: true });
  await writeFile(join(info, 'PKG-INFO'), `Metadata-Version: 2.1\nName: ${PLUGIN}\nVersion: 1.0\n`);
  await writeFile(join(info, 'top_level.txt'), `${PLUGIN}\n`);
  await writeFile(join(info, 'entry_points.txt'), `[egg_info.writers]\n${PLUGIN}.txt = ${PLUGIN}:write\n`);
  return { dir, python, sitePackages: stdout.trim(), project, image };
}
