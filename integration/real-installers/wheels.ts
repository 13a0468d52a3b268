import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { debianPackage } from '../support/debian.js';

const MAKE_WHEEL = fileURLToPath(new URL('make_wheel.py', import.meta.url));

export type ArchiveOrder = 'metadata-first' | 'code-first';
export const ORDERS: ArchiveOrder[] = ['metadata-first', 'code-first'];

/** pbr's versions in every wheelhouse: an install, then upgrades to either of the later two. */
export const PBR_VERSIONS = ['5.10.0', '5.10.1', '5.11.0'];

export interface Wheelhouse {
  order: ArchiveOrder;
  dir: string;
  wheels: string[];
}

/**
 * Wheels of Debian's pbr (egg_info.writers: loaded by every `setup.py egg_info`) in three versions,
 * and of Debian's setuptools-git (setuptools.file_finders: loaded by egg_info's manifest), one
 * wheelhouse per archive order, for `pip install --no-index --find-links <dir>`.
 */
export async function makeWheelhouses(
  python: string,
  base: string,
): Promise<Record<ArchiveOrder, Wheelhouse>> {
  const [pbr, git] = await Promise.all(['python3-pbr', 'python3-setuptools-git'].map(debianPackage));
  const pbrInfo = await eggInfo(pbr!.distPackages, 'pbr-');
  const gitInfo = await eggInfo(git!.distPackages, 'setuptools_git-');
  const houses = {} as Record<ArchiveOrder, Wheelhouse>;
  for (const order of ORDERS) {
    const dir = join(base, order);
    const specs: [string, string, string][] = [
      ...PBR_VERSIONS.map((v): [string, string, string] => [pbr!.distPackages, pbrInfo, v]),
      [git!.distPackages, gitInfo, gitInfo.replace(/^setuptools_git-(.+)\.egg-info$/, '$1')],
    ];
    const wheels: string[] = [];
    for (const [src, info, version] of specs) {
      const made = await execa(python, [MAKE_WHEEL, src, info, version, order, dir], {
        env: { PYTHONPATH: '' },
      });
      wheels.push(made.stdout.trim());
    }
    houses[order] = { order, dir, wheels };
  }
  return houses;
}

async function eggInfo(distPackages: string, prefix: string): Promise<string> {
  const info = (await readdir(distPackages)).find(
    (n) => n.startsWith(prefix) && /\.(egg|dist)-info$/.test(n),
  );
  if (!info) throw new Error(`no ${prefix}*.egg-info in ${distPackages}`);
  return info;
}

const INSPECT = `
import base64, csv, hashlib, io, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
record = [n for n in z.namelist() if n.endswith(".dist-info/RECORD")][0]
rows = list(csv.reader(io.StringIO(z.read(record).decode("utf-8"))))
bad = []
for path, digest, size in rows:
    if path == record:
        continue
    data = z.read(path)
    mine = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    if mine != digest or int(size) != len(data):
        bad.append(path)
listed = set(r[0] for r in rows)
json.dump({"bad": bad, "unlisted": [n for n in z.namelist() if n not in listed], "names": z.namelist()}, sys.stdout)
`;

/** What a wheel holds, as zipfile reads it: files whose RECORD line is wrong, files RECORD misses, the order. */
export async function inspectWheel(
  python: string,
  wheel: string,
): Promise<{ bad: string[]; unlisted: string[]; names: string[] }> {
  return JSON.parse((await execa(python, ['-c', INSPECT, wheel], { env: { PYTHONPATH: '' } })).stdout);
}
