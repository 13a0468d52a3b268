import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';

export interface PrivateRoot {
  /** `--instdir`: where the package's files land. */
  instdir: string;
  admindir: string;
  /** `<instdir>/usr/lib/python3/dist-packages`: the builds' PYTHONPATH and the wrapper's `--watch`. */
  distPackages: string;
  log: string;
  /** Found first on PATH by the maintainer scripts. */
  stubs: string;
  /** Every call the package's maintainer scripts made to the tools stubbed out (see `makePrivateRoot`). */
  scriptCalls(): Promise<string[]>;
}

/**
 * The tools python3-pbr's maintainer scripts call. Run chrootless they would act on the machine
 * (`update-alternatives` on /etc/alternatives, `py3compile -p`/`py3clean -p` on the machine's dpkg
 * database), so they are found first on PATH as stubs that only log the call.
 */
const STUBBED = ['py3compile', 'py3clean', 'pypy3compile', 'pypy3clean', 'update-alternatives'];

/**
 * A dpkg database and install tree of its own under `dir`: dpkg with `--instdir`, `--admindir` and
 * `--log` there touches nothing of the machine. `dist-packages` holds a file of ours, so removing the
 * last package never removes the directory the builds look in.
 */
export async function makePrivateRoot(dir: string): Promise<PrivateRoot> {
  const instdir = join(dir, 'root');
  const admindir = join(instdir, 'var/lib/dpkg');
  const distPackages = join(instdir, 'usr/lib/python3/dist-packages');
  const stubs = join(dir, 'stubs');
  const calls = join(dir, 'script-calls.log');
  for (const d of [join(admindir, 'info'), join(admindir, 'updates'), distPackages, stubs])
    await mkdir(d, { recursive: true });
  await writeFile(join(admindir, 'status'), '');
  await writeFile(join(distPackages, 'README.plugin-settle'), 'keeps this directory across dpkg -r\n');
  await writeFile(calls, '');
  for (const tool of STUBBED) {
    await writeFile(join(stubs, tool), `#!/bin/sh\necho "${tool} $*" >> '${calls}'\n`);
    await chmod(join(stubs, tool), 0o755);
  }
  return {
    instdir,
    admindir,
    distPackages,
    log: join(dir, 'dpkg.log'),
    stubs,
    scriptCalls: async () => (await readFile(calls, 'utf8')).split('\n').filter(Boolean),
  };
}

/**
 * `dpkg -i <deb>` or `dpkg -r <package>` into the private root, at full speed: each run is short next
 * to a build, and the race reproduces without slowing dpkg down (a build that loads pbr's entry point
 * while dpkg removes or renames its modules: `cannot import name 'version' from 'pbr'`).
 */
export async function dpkg(root: PrivateRoot, args: string[]) {
  const [file, ...rest] = [
    'dpkg',
    `--instdir=${root.instdir}`,
    `--admindir=${root.admindir}`,
    `--log=${root.log}`,
    // Maintainer scripts run here, not chrooted into an empty root; dependencies are the machine's.
    '--force-script-chrootless',
    '--force-depends',
    '--force-not-root',
    ...args,
  ];
  const result = await execa(file!, rest, {
    reject: false,
    all: true,
    timeout: 120_000,
    env: { PATH: `${root.stubs}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin` },
    extendEnv: false,
  });
  if (result.exitCode !== 0) throw new Error(`dpkg ${args.join(' ')} failed:\n${result.all}`);
}
