import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { debianPackage } from '../support/debian.js';

/** Debian's own interpreter: the one its python3-* packages are built and tested for. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

export interface DebianVenv {
  dir: string;
  python: string;
  sitePackages: string;
  /** `name version` of each Debian package laid in. */
  packages: string[];
}

/**
 * A venv of Debian's python3 that sees nothing of the machine's dist-packages: the listed Debian
 * packages are unpacked (`apt-get download`, `dpkg -x`, cached by support/debian.ts) and copied into
 * its site-packages with their timestamps, as an earlier install would have left them. The host
 * tools under test are then Debian's real ones, whatever the machine has installed.
 */
export async function debianVenv(dir: string, packageNames: string[]): Promise<DebianVenv> {
  const made = await execa(DEBIAN_PYTHON, ['-m', 'venv', '--without-pip', dir], {
    reject: false,
    env: { PYTHONPATH: '' },
  });
  if (made.exitCode !== 0) throw new Error(`${DEBIAN_PYTHON} -m venv ${dir} failed: ${made.stderr.trim()}`);
  const python = join(dir, 'bin', 'python');
  const purelib = await execa(python, ['-c', "import sysconfig; print(sysconfig.get_paths()['purelib'])"], {
    env: { PYTHONPATH: '' },
  });
  const sitePackages = purelib.stdout.trim();
  const packages = await Promise.all(packageNames.map(debianPackage));
  for (const found of packages)
    for (const entry of await readdir(found.distPackages))
      await cp(join(found.distPackages, entry), join(sitePackages, entry), {
        recursive: true,
        preserveTimestamps: true,
      });
  return { dir, python, sitePackages, packages: packages.map((p) => `${p.name} ${p.version}`) };
}
