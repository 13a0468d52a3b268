import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Project {
  dir: string;
  /** Where `setup.py egg_info` writes, and so where a loaded egg_info.writers plugin leaves its file. */
  eggInfo: string;
}

const SETUP_PY = `from setuptools import setup

setup(name='demo-project', version='1.0', py_modules=['demo'])
`;

/**
 * A setup.py project whose egg_info (and so sdist, build, bdist_wheel, install) loads every installed
 * egg_info.writers and setuptools.file_finders plugin; a distutils.commands plugin runs as `setup.py <name>`.
 */
export async function makeProject(dir: string): Promise<Project> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'setup.py'), SETUP_PY);
  await writeFile(join(dir, 'demo.py'), 'ANSWER = 42\n');
  return { dir, eggInfo: join(dir, 'demo_project.egg-info') };
}
