// @ts-check
// Plain-JS equivalents of integration/support's project and plugin image (bench scripts do not load TS).
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** @typedef {'egg_info.writers' | 'setuptools.file_finders' | 'distutils.commands'} PluginGroup */

/** @type {Record<PluginGroup, (name: string) => string>} */
const ENTRY_POINTS = {
  'egg_info.writers': (name) => `${name}.txt = ${name}.hooks:write`,
  'setuptools.file_finders': (name) => `${name} = ${name}.hooks:find_files`,
  'distutils.commands': (name) => `${name}_cmd = ${name}.hooks:Command`,
};

/** @param {string} name */
const hooksSource = (name) => `import setuptools


def write(cmd, basename, filename):
    cmd.write_file('${name} marker', filename, '${name} was loaded\\n')


def find_files(dirname):
    return []


class Command(setuptools.Command):
    user_options = []

    def initialize_options(self):
        pass

    def finalize_options(self):
        pass

    def run(self):
        with open('${name}-command.txt', 'w') as handle:
            handle.write('${name} command ran\\n')
`;

/** @param {string} root @param {string} path @param {string} text */
function put(root, path, text) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/**
 * A plugin distribution laid out as an installer merges it: package code plus metadata.
 * @param {string} dir
 * @param {{ name: string, groups?: PluginGroup[], layout?: 'egg-info' | 'dist-info' }} options
 */
export function makePluginImage(dir, { name, groups = ['egg_info.writers'], layout = 'egg-info' }) {
  const code = [`${name}/__init__.py`, `${name}/hooks.py`];
  put(dir, code[0] ?? '', "VERSION = '1.0'\n");
  put(dir, code[1] ?? '', hooksSource(name));
  const metadataDir = layout === 'egg-info' ? `${name}-1.0-py3.egg-info` : `${name}-1.0.dist-info`;
  const metadata = [
    [
      `${metadataDir}/${layout === 'egg-info' ? 'PKG-INFO' : 'METADATA'}`,
      `Metadata-Version: 2.1\nName: ${name}\nVersion: 1.0\n`,
    ],
    [`${metadataDir}/entry_points.txt`, groups.map((g) => `[${g}]\n${ENTRY_POINTS[g](name)}\n`).join('\n')],
    [`${metadataDir}/top_level.txt`, `${name}\n`],
  ];
  for (const [path, text] of metadata) put(dir, path ?? '', text ?? '');
  if (layout === 'dist-info') {
    const rows = [...code, ...metadata.map(([path]) => path)].map(
      (p) => `${p},,${statSync(join(dir, p ?? '')).size}`,
    );
    put(dir, `${metadataDir}/RECORD`, [...rows, `${metadataDir}/RECORD,,`, ''].join('\n'));
  }
  return { dir, name, code, metadataDir, command: `${name}_cmd` };
}

/**
 * A setup.py project whose egg_info loads every installed egg_info.writers plugin. `compileSeconds`
 * stands for the compile work of a real package: it runs before setup(), so a build that loses the race
 * has already spent its time, as a real one has.
 * @param {string} dir
 * @param {{ compileSeconds?: number }} [options]
 */
export function makeProject(dir, { compileSeconds = 0 } = {}) {
  mkdirSync(dir, { recursive: true });
  const compile = compileSeconds > 0 ? `import time\ntime.sleep(${compileSeconds.toFixed(3)})\n` : '';
  writeFileSync(
    join(dir, 'setup.py'),
    `${compile}from setuptools import setup\n\nsetup(name='demo-project', version='1.0', py_modules=['demo'])\n`,
  );
  writeFileSync(join(dir, 'demo.py'), 'ANSWER = 42\n');
  return { dir, eggInfo: join(dir, 'demo_project.egg-info') };
}
