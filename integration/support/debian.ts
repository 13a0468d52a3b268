import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

export interface DebianPackage {
  name: string;
  /** The version apt chose (the candidate of the reachable Debian release). */
  version: string;
  /** The downloaded .deb, kept for tests that install it with dpkg. */
  deb: string;
  /** The package's files, unpacked with `dpkg -x`. */
  root: string;
  /** `<root>/usr/lib/python3/dist-packages`, where Debian puts pure-Python modules. */
  distPackages: string;
}

/**
 * Downloads and unpacks are cached per package and version outside the checkout (never committed),
 * shared by every test file and every run on this machine: `PLUGIN_SETTLE_DEBIAN_CACHE` moves it.
 */
export const debianCache =
  process.env.PLUGIN_SETTLE_DEBIAN_CACHE || join(tmpdir(), 'plugin-settle-debian-cache');

async function candidate(name: string): Promise<string> {
  const policy = await execa('apt-cache', ['policy', name], { reject: false });
  const version = /Candidate:\s*(\S+)/.exec(policy.stdout)?.[1];
  if (policy.exitCode !== 0 || !version || version === '(none)')
    throw new Error(`apt has no candidate for ${name} (is \`apt-get update\` done?)`);
  return version;
}

/**
 * Debian's package `name`, as `apt-get download` and `dpkg -x` give it. Test files run in parallel
 * workers: each unpacks into its own staging directory and renames it into place, and the loser of
 * that rename uses the winner's copy.
 */
export async function debianPackage(name: string): Promise<DebianPackage> {
  const version = await candidate(name);
  const dir = join(debianCache, `${name}_${version.replace(/[^\w.+-]/g, '_')}`);
  if (!existsSync(join(dir, 'done'))) await unpack(name, version, dir);
  const deb = (await readdir(dir)).find((f) => f.endsWith('.deb'));
  if (!deb) throw new Error(`${dir} has no .deb`);
  const root = join(dir, 'root');
  return {
    name,
    version,
    deb: join(dir, deb),
    root,
    distPackages: join(root, 'usr/lib/python3/dist-packages'),
  };
}

async function unpack(name: string, version: string, dir: string): Promise<void> {
  await mkdir(debianCache, { recursive: true });
  const staging = await mkdtemp(join(debianCache, `.${name}.`));
  try {
    // apt fetches as the `_apt` user when it can: let it write here.
    await chmod(staging, 0o755);
    const got = await execa('apt-get', ['download', '-q', `${name}=${version}`], {
      cwd: staging,
      reject: false,
    });
    const deb = (await readdir(staging)).find((f) => f.endsWith('.deb'));
    if (!deb) throw new Error(`apt-get download ${name}=${version} failed: ${lastLine(got.stderr)}`);
    const x = await execa('dpkg', ['-x', deb, 'root'], { cwd: staging, reject: false });
    if (x.exitCode !== 0) throw new Error(`dpkg -x ${deb} failed: ${lastLine(x.stderr)}`);
    await mkdir(join(staging, 'done'));
    await rename(staging, dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() || '(no message)';
}
