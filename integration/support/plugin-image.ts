import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export type PluginGroup = 'egg_info.writers' | 'setuptools.file_finders' | 'distutils.commands';

export interface PluginImageOptions {
  /** Distribution and top-level package name, e.g. `racyplug`. */
  name: string;
  groups?: PluginGroup[];
  /** egg-info: Debian/Portage style, no RECORD. dist-info: wheel style, RECORD (with sizes) written last. */
  layout?: 'egg-info' | 'dist-info';
}

export interface PluginImage {
  /** The image root: what an installer merges into site-packages. */
  dir: string;
  name: string;
  /** Paths relative to the image root. */
  code: string[];
  metadataDir: string;
  /** The file a loaded egg_info.writers plugin writes into the project's egg-info. */
  writerFile: string;
  /** The file a setuptools.file_finders plugin writes into the cwd when egg_info walks the sources. */
  finderFile: string;
  /** The file a distutils.commands plugin writes into the cwd when run as `setup.py <command>`. */
  commandFile: string;
  command: string;
}

const ENTRY_POINTS: Record<PluginGroup, (name: string) => string> = {
  'egg_info.writers': (name) => `${name}.txt = ${name}.hooks:write`,
  'setuptools.file_finders': (name) => `${name} = ${name}.hooks:find_files`,
  'distutils.commands': (name) => `${name}_cmd = ${name}.hooks:Command`,
};

function hooksSource(name: string): string {
  return `# A setuptools plugin for plugin-settle's tests: each hook leaves a trace the test can check.
try:
    from setuptools import Command as _Command
except ImportError:  # loaded through importlib.metadata on a Python without setuptools
    _Command = object


def write(cmd, basename, filename):
    cmd.write_file('${name} marker', filename, '${name} was loaded\\n')


def find_files(dirname):
    with open('${name}-finder.txt', 'w') as handle:
        handle.write('${name} file finder ran\\n')
    return []


class Command(_Command):
    user_options = []

    def initialize_options(self):
        pass

    def finalize_options(self):
        pass

    def run(self):
        with open('${name}-command.txt', 'w') as handle:
            handle.write('${name} command ran\\n')
`;
}

async function put(root: string, path: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
}

/** A plugin distribution laid out as an installer would merge it: package code plus its metadata. */
export async function makePluginImage(dir: string, options: PluginImageOptions): Promise<PluginImage> {
  const { name } = options;
  const groups = options.groups ?? ['egg_info.writers'];
  const layout = options.layout ?? 'egg-info';
  const code = [`${name}/__init__.py`, `${name}/hooks.py`];
  await put(dir, code[0]!, "VERSION = '1.0'\n");
  await put(dir, code[1]!, hooksSource(name));
  const entryPoints = groups.map((group) => `[${group}]\n${ENTRY_POINTS[group](name)}\n`).join('\n');
  const metadataDir = layout === 'egg-info' ? `${name}-1.0-py3.egg-info` : `${name}-1.0.dist-info`;
  const info = `Metadata-Version: 2.1\nName: ${name}\nVersion: 1.0\n`;
  await put(dir, `${metadataDir}/${layout === 'egg-info' ? 'PKG-INFO' : 'METADATA'}`, info);
  await put(dir, `${metadataDir}/entry_points.txt`, entryPoints);
  await put(dir, `${metadataDir}/top_level.txt`, `${name}\n`);
  if (layout === 'dist-info') {
    const listed = [
      ...code,
      `${metadataDir}/METADATA`,
      `${metadataDir}/entry_points.txt`,
      `${metadataDir}/top_level.txt`,
    ];
    const rows = await Promise.all(
      listed.map(async (path) => `${path},,${(await stat(join(dir, path))).size}`),
    );
    await put(dir, `${metadataDir}/RECORD`, [...rows, `${metadataDir}/RECORD,,`, ''].join('\n'));
  }
  return {
    dir,
    name,
    code,
    metadataDir,
    writerFile: `${name}.txt`,
    finderFile: `${name}-finder.txt`,
    commandFile: `${name}-command.txt`,
    command: `${name}_cmd`,
  };
}
