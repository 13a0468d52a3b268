import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface HostPlugin {
  /** The image root, merged by the stepped installer: code first or metadata first, as a step says. */
  dir: string;
  name: string;
  metadataDir: string;
}

export interface HostPluginOptions {
  /** Distribution and top-level package name. */
  name: string;
  /** Entry-point group, e.g. `pytest11` or a stevedore namespace. */
  group: string;
  /** The entry point's line, e.g. `racyplug = racyplug.plugin`. */
  entryPoint: string;
  /** Module files of the package, by path relative to the package directory. */
  modules: Record<string, string>;
}

async function put(root: string, path: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
}

/** A wheel-style plugin distribution (dist-info with RECORD) for a host other than setuptools. */
export async function makeHostPlugin(dir: string, options: HostPluginOptions): Promise<HostPlugin> {
  const { name } = options;
  const code = Object.keys(options.modules).map((file) => `${name}/${file}`);
  for (const [file, text] of Object.entries(options.modules)) await put(dir, `${name}/${file}`, text);
  const metadataDir = `${name}-1.0.dist-info`;
  const metadata = [
    [`${metadataDir}/METADATA`, `Metadata-Version: 2.1\nName: ${name}\nVersion: 1.0\n`],
    [`${metadataDir}/entry_points.txt`, `[${options.group}]\n${options.entryPoint}\n`],
    [`${metadataDir}/top_level.txt`, `${name}\n`],
  ] as const;
  for (const [path, text] of metadata) await put(dir, path, text);
  const listed = [...code, ...metadata.map(([path]) => path)];
  const rows = await Promise.all(
    listed.map(async (path) => `${path},,${(await stat(join(dir, path))).size}`),
  );
  await put(dir, `${metadataDir}/RECORD`, [...rows, `${metadataDir}/RECORD,,`, ''].join('\n'));
  return { dir, name, metadataDir };
}
