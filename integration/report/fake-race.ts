import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A build that fails the way a merge race makes it fail, without Python or an installer: it touches
 * `pbr.py` in a watched root (the relevant change), optionally leaves our merge marker there (a merge
 * in progress that lasts until the test removes it), prints pbr's ModuleNotFoundError and exits 1;
 * from attempt `passOn` on it succeeds. The "interpreter" answers every import probe with success,
 * so the real decision retries, and a build that never passes makes the real CLI give up.
 */
export interface FakeRace {
  dir: string;
  root: string;
  marker: string;
  /** `run` arguments: the fake interpreter, the watched root, no in-process shim. */
  args: string[];
  command: string[];
  attempts(): Promise<number>;
  releaseMerge(): Promise<void>;
}

export async function makeFakeRace(dir: string, options: { passOn?: number; holdMerge?: boolean } = {}) {
  const root = join(dir, 'site-packages');
  const marker = join(root, '.plugin-settle-merge');
  await mkdir(root, { recursive: true });
  const python = join(dir, 'python-that-imports-anything');
  await writeFile(python, '#!/bin/sh\nexit 0\n');
  const count = join(dir, 'attempts');
  const build = join(dir, 'build.sh');
  await writeFile(
    build,
    [
      '#!/bin/sh',
      `n=$(( $(cat '${count}' 2>/dev/null || echo 0) + 1 )); echo $n > '${count}'`,
      'echo "build attempt $n" >&2',
      `[ $n -ge ${options.passOn ?? 1_000_000} ] && exit 0`,
      options.holdMerge ? `[ $n -eq 1 ] && mkdir -p '${marker}'` : '',
      `touch '${join(root, 'pbr.py')}'`,
      'printf \'Traceback (most recent call last):\\n  File "setup.py", line 1, in <module>\\n    import pbr\\n\' >&2',
      'printf "ModuleNotFoundError: No module named \'pbr\'\\n" >&2',
      'exit 1',
      '',
    ].join('\n'),
  );
  await Promise.all([chmod(python, 0o755), chmod(build, 0o755)]);
  return {
    dir,
    root,
    marker,
    args: ['--python', python, '--watch', root, '--no-inprocess', '--settle', '200'],
    command: [build],
    attempts: async () => Number((await readFile(count, 'utf8').catch(() => '0')).trim()),
    releaseMerge: () => rm(marker, { recursive: true, force: true }),
  } satisfies FakeRace;
}
