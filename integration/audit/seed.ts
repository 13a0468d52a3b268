import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';

/** A pid that is not running on this host (pid_max is at most 2^22). */
export const DEAD_PID = 4_194_303;

function write(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/**
 * A complete, pip-installed-looking distribution: its files, then a dist-info with INSTALLER and a
 * RECORD listing every file with its size.
 */
export function installDistribution(
  root: string,
  name: string,
  version: string,
  files: Record<string, string>,
  entryPoints = '',
): string {
  const info = `${name}-${version}.dist-info`;
  const all: Record<string, string> = {
    ...files,
    [`${info}/METADATA`]: `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`,
    [`${info}/INSTALLER`]: 'pip\n',
    ...(entryPoints ? { [`${info}/entry_points.txt`]: entryPoints } : {}),
  };
  const record: string[] = [];
  for (const [path, text] of Object.entries(all)) {
    write(join(root, path), text);
    record.push(`${path},,${Buffer.byteLength(text)}`);
  }
  record.push(`${info}/RECORD,,`);
  write(join(root, info, 'RECORD'), `${record.join('\n')}\n`);
  return join(root, info);
}

/** One of every installer's leftovers (names as the research notes give them), under `root`. */
export function seedLeftovers(root: string): Record<string, string> {
  const paths = {
    pipStash: join(root, '~ldplug'),
    pipMetadataStash: join(root, '~ldplug-1.0.dist-info'),
    pipUnpack: join(root, 'pip-unpack-abcd1234'),
    uv: join(root, '.tmpAbC123'),
    dpkg: join(root, 'deepkg', 'sub', 'mod.py.dpkg-new'),
    rpm: join(root, 'deepkg', 'mod.py;5f2a1b3c'),
    portageTemp: join(root, 'deepkg', '.mod.py._portage_merge_.4242abcdefgh'),
    portageCopy: join(root, 'deepkg', 'other.py#new'),
    atomicInstall: join(root, 'deepkg', '.abcdef~mod.py.new'),
    oursStaged: join(root, 'deepkg', '.plugin-settle-new.k3j4.mod.py'),
    oursStage: join(root, '.plugin-settle-stage.k3j4'),
  };
  write(join(root, 'deepkg', '__init__.py'), '');
  write(join(root, 'deepkg', 'mod.py'), 'x = 1\n');
  write(join(root, 'deepkg', 'sub', 'mod.py'), 'x = 1\n');
  for (const dir of [paths.pipStash, paths.pipMetadataStash, paths.pipUnpack, paths.uv, paths.oursStage])
    write(join(dir, 'file.py'), 'x = 1\n');
  for (const file of [
    paths.dpkg,
    paths.rpm,
    paths.portageTemp,
    paths.portageCopy,
    paths.atomicInstall,
    paths.oursStaged,
  ])
    write(file, 'x = 2\n');
  return paths;
}

/** Our merge marker and a `run --hold` build marker, both of a pid that is dead on this host. */
export function seedDeadMarkers(root: string): { merge: string; build: string } {
  const owner = {
    pid: DEAD_PID,
    host: hostname(),
    started: new Date().toISOString(),
    image: '/img',
    tool: 'test',
  };
  write(join(root, '.plugin-settle-merge', 'owner.json'), JSON.stringify(owner));
  write(join(root, '.plugin-settle-builds', `${DEAD_PID}.json`), JSON.stringify(owner));
  return {
    merge: join(root, '.plugin-settle-merge'),
    build: join(root, '.plugin-settle-builds', `${DEAD_PID}.json`),
  };
}

/** Our merge marker held by a live process (the test runner itself). */
export function seedLiveMarker(root: string): string {
  const owner = {
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    image: '/img',
    tool: 'test',
  };
  write(join(root, '.plugin-settle-merge', 'owner.json'), JSON.stringify(owner));
  return join(root, '.plugin-settle-merge');
}

/** Portage's vdb entry of a merge that died, under an EROOT. */
export function seedPortageMerging(eroot: string): string {
  const path = join(eroot, 'var/db/pkg/dev-python/-MERGING-ldplug-1.0');
  write(join(path, 'CONTENTS'), '');
  return path;
}
