import { execaSync } from 'execa';

/** The syscalls by which an installer makes its files appear and disappear. */
const CALLS = 'write,rename,renameat,renameat2,unlink,unlinkat,rmdir';

/**
 * The delay per file-changing syscall of a real installer (`REAL_INSTALLER_DELAY_US`, default 4 ms):
 * the installer as it runs on a slow or busy disk. On a fast idle disk pip writes a plugin in a few
 * milliseconds and a looping build rarely loads its entry points inside that window; slowed down (by
 * strace's fault injection, the installer itself unchanged) the same windows open wide enough that
 * the race reproduces within a test's run.
 */
export const delayUs = Number(process.env.REAL_INSTALLER_DELAY_US ?? 4_000);

// Present and allowed to trace (a container may forbid ptrace).
const hasStrace = execaSync('strace', ['-qq', '-o', '/dev/null', 'true'], { reject: false }).exitCode === 0;

/** The command prefix that runs an installer on the slow disk; empty when off or strace is missing. */
export function slowDisk(): string[] {
  if (!hasStrace || delayUs <= 0) return [];
  return [
    'strace',
    '--seccomp-bpf',
    '-f',
    '-qq',
    '-o',
    '/dev/null',
    '-e',
    `trace=${CALLS}`,
    '-e',
    `inject=${CALLS}:delay_exit=${delayUs}`,
  ];
}

/** Says how the installers ran, for the test's summary. */
export function slowDiskNote(): string {
  if (delayUs <= 0) return 'installers at full speed (REAL_INSTALLER_DELAY_US=0)';
  if (!hasStrace)
    return 'installers at full speed: strace is missing or may not trace here (apt-get install strace)';
  return `installers slowed by ${delayUs} µs per file-changing syscall (strace fault injection)`;
}
