import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../cli.js';

/**
 * A wheel pip takes a while to install: its dist-info first in the archive (pip writes files in
 * archive order), then many megabytes of stored random data, then the module its entry point names,
 * so a pip killed mid-way leaves metadata whose code never arrived, and no RECORD (written last).
 */
const MAKE_WHEEL = `
import base64, hashlib, os, sys, zipfile
out, blobs, dist = sys.argv[1], int(sys.argv[2]), sys.argv[3]
name = dist + "-1.0.dist-info"
files = [
    (name + "/METADATA", ("Metadata-Version: 2.1\\nName: %s\\nVersion: 1.0\\n" % dist).encode()),
    (name + "/WHEEL", b"Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"),
    (name + "/entry_points.txt", ("[egg_info.writers]\\n%s.txt = %s.zz_writer:write\\n" % (dist, dist)).encode()),
    (name + "/top_level.txt", (dist + "\\n").encode()),
    (dist + "/__init__.py", b""),
]
files += [(dist + "/data/blob%03d.bin" % i, os.urandom(1 << 20)) for i in range(blobs)]
files.append((dist + "/zz_writer.py", b"def write(cmd, basename, filename):\\n    pass\\n"))
record = []
with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
    for path, data in files:
        z.writestr(path, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append("%s,sha256=%s,%d" % (path, digest, len(data)))
    record.append(name + "/RECORD,,")
    z.writestr(name + "/RECORD", "\\n".join(record) + "\\n")
`;

export function makeWheel(python: string, dir: string, blobs: number, name = 'bigplug'): string {
  const wheel = join(dir, `${name}-1.0-py3-none-any.whl`);
  execFileSync(python, ['-c', MAKE_WHEEL, wheel, String(blobs), name]);
  return wheel;
}

/** A complete `pip install` of a wheel: its RECORD written by pip itself. */
export function pipInstall(venvPython: string, wheel: string): void {
  execFileSync(venvPython, [
    '-m',
    'pip',
    'install',
    '--no-deps',
    '--no-index',
    '--disable-pip-version-check',
    '--quiet',
    wheel,
  ]);
}

/**
 * Runs a real `pip install` of the wheel and SIGKILLs it once its metadata and some of its data are
 * on disk (synchronised on the file system, bounded), then waits for it to be gone.
 */
export async function installAndKill(venvPython: string, sitePackages: string, wheel: string): Promise<void> {
  const pip = spawn(
    venvPython,
    ['-m', 'pip', 'install', '--no-deps', '--no-index', '--no-compile', '--disable-pip-version-check', wheel],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  pip.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => pip.on('exit', (code) => resolve(code)));
  let finished = false;
  void exited.then(() => (finished = true));
  const data = join(sitePackages, 'bigplug', 'data');
  await waitFor(
    'pip to write bigplug-1.0.dist-info/entry_points.txt and a first data file',
    () => {
      if (finished) throw new Error(`pip finished before it could be killed: ${stderr}`);
      return (
        existsSync(join(sitePackages, 'bigplug-1.0.dist-info', 'entry_points.txt')) &&
        existsSync(data) &&
        readdirSync(data).length > 0
      );
    },
    60_000,
  );
  pip.kill('SIGKILL');
  await exited;
}
