import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function put(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function distInfo(
  image: string,
  name: string,
  version: string,
  entryPoints: string[],
  files: string[],
): void {
  const dir = `${name}-${version}.dist-info`;
  put(join(image, dir, 'METADATA'), `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`);
  put(join(image, dir, 'entry_points.txt'), `[egg_info.writers]\n${entryPoints.join('\n')}\n`);
  put(join(image, dir, 'top_level.txt'), `${name}\n`);
  const record = [
    ...files,
    `${dir}/METADATA`,
    `${dir}/entry_points.txt`,
    `${dir}/top_level.txt`,
    `${dir}/RECORD`,
  ];
  put(join(image, dir, 'RECORD'), `${record.map((file) => `${file},,`).join('\n')}\n`);
}

const writer = (label: string): string =>
  `def writer(cmd, basename, filename):\n    cmd.write_or_delete_file(basename, filename, ${JSON.stringify(`${label}\n`)})\n`;

/** A plugin never installed before: an `egg_info.writers` entry point into its own new package. */
export function freshPluginImage(image: string, name: string): void {
  put(join(image, name, '__init__.py'), `from .impl import writer\n`);
  put(join(image, name, 'impl.py'), writer(name));
  distInfo(image, name, '1.0', [`${name}.txt = ${name}:writer`], [`${name}/__init__.py`, `${name}/impl.py`]);
}

/**
 * Version `n` of an upgrading plugin: each version adds a module and an entry point into it, so the
 * new metadata names code the old version lacked; earlier modules stay, as compatible upgrades do.
 */
export function upgradePluginImage(image: string, name: string, n: number): void {
  const files = [`${name}/__init__.py`];
  const entryPoints = [];
  put(join(image, name, '__init__.py'), `VERSION = ${n}\n`);
  for (let k = 0; k <= n; k++) {
    put(join(image, name, `w${k}.py`), writer(`${name} w${k} of v${n}`));
    files.push(`${name}/w${k}.py`);
    entryPoints.push(`${name}.w${k}.txt = ${name}.w${k}:writer`);
  }
  distInfo(image, name, `${n}.0`, entryPoints, files);
}
