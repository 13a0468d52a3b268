import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function put(path: string, content: string, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  chmodSync(path, mode);
}

function body(tag: string, n: number): string {
  return `# ${tag} ${n}\n${'x = 1\n'.repeat(1 + (n % 40))}`;
}

/**
 * An installed plugin (v1) and its upgrade image (v2), exercising every path of a merge: files
 * replaced in existing directories, whole new directories, a new top-level package, a package and
 * metadata the upgrade drops (removed by --replace), a symlink, an executable, a `.pth`.
 */
export function makeUpgradeFixture(base: string, imageFiles = 2000): { root: string; image: string } {
  const root = join(base, 'root');
  const image = join(base, 'image');
  const record: string[] = [];
  const own = (rel: string, content: string, mode?: number): void => {
    put(join(root, rel), content, mode);
    record.push(`${rel},,`);
  };
  for (let n = 0; n < 600; n++) own(`plugpkg/sub${n % 10}/mod${n}.py`, body('v1', n));
  own('plugpkg/__init__.py', 'VERSION = 1\n');
  for (let n = 0; n < 100; n++) own(`plugold/m${n}.py`, body('old', n));
  own('plugold/__init__.py', '');
  put(join(root, 'unrelated/keep.py'), 'keep = True\n');
  own('plugdist-1.0.dist-info/METADATA', 'Metadata-Version: 2.1\nName: plugdist\nVersion: 1.0\n');
  own('plugdist-1.0.dist-info/entry_points.txt', '[egg_info.writers]\nplug.txt = plugpkg:writer\n');
  record.push('plugdist-1.0.dist-info/RECORD,,');
  put(join(root, 'plugdist-1.0.dist-info/RECORD'), `${record.join('\n')}\n`);

  const newRecord: string[] = [];
  let files = 0;
  const add = (rel: string, content: string, mode?: number): void => {
    put(join(image, rel), content, mode);
    newRecord.push(`${rel},,`);
    files++;
  };
  add('plugpkg/__init__.py', 'VERSION = 2\n');
  add('plugpkg/tool.sh', '#!/bin/sh\necho v2\n', 0o755);
  symlinkSync('__init__.py', join(image, 'plugpkg/alias.py'));
  newRecord.push('plugpkg/alias.py,,');
  files++;
  add('plug.pth', 'import plugpkg\n');
  add('plugdist-2.0.dist-info/METADATA', 'Metadata-Version: 2.1\nName: plugdist\nVersion: 2.0\n');
  add('plugdist-2.0.dist-info/entry_points.txt', '[egg_info.writers]\nplug.txt = plugnew:writer\n');
  for (let n = 0; files < imageFiles - 1; n++) {
    // Existing subdirectories (file by file), new subdirectories and a new top level (whole).
    const where =
      n % 3 === 0 ? `plugpkg/sub${n % 10}` : n % 3 === 1 ? `plugpkg/fresh${n % 7}` : `plugnew/p${n % 5}`;
    add(`${where}/mod${n}.py`, body('v2', n));
  }
  newRecord.push('plugdist-2.0.dist-info/RECORD,,');
  put(join(image, 'plugdist-2.0.dist-info/RECORD'), `${newRecord.join('\n')}\n`);
  return { root, image }; // the image holds exactly `imageFiles` files, RECORD included
}
