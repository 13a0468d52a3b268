import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

/** A build over before this never pays for the guard's `sh`. */
const GUARD_AFTER_MS = 100;

/** The name the guard runs under (`ps` shows it), and its script: `$1` is the group to end. */
export const WATCHDOG_NAME = 'plugin-settle-watchdog';
// POSIX `kill -s KILL -- -pgid`: dash reads `kill -KILL -- -pgid` and `kill -s 9 -pgid` as errors.
const SCRIPT = 'read line; [ "$line" = done ] || kill -s KILL -- "-$1" 2>/dev/null';

export interface GroupGuard {
  /** The group is ours to leave alone now (the build ended): the guard exits without killing. */
  release(): void;
}

/**
 * A wrapper killed by SIGKILL (the OOM killer, a CI job's hard timeout) runs no handler, and the build,
 * in a session of its own, would run on unsupervised. The guard is a tiny `sh` reading a pipe that only
 * we write to: however we die, the kernel closes our end, its `read` sees end of file, and it kills the
 * build's process group. (The same job as foreground-child's watchdog, without a second Node.)
 */
export function guardGroup(pgid: number, afterMs = GUARD_AFTER_MS): GroupGuard {
  let released = false;
  let end: (() => void) | undefined;
  const timer = setTimeout(() => {
    // Without a guard (no /bin/sh, no file descriptors or pids left) the build still runs, supervised
    // while we live: a failure here must never become ours.
    try {
      const guard = spawn('/bin/sh', ['-c', SCRIPT, WATCHDOG_NAME, String(pgid)], {
        stdio: ['pipe', 'ignore', 'ignore'],
        cwd: '/',
        // Its own session: a Ctrl-C to our terminal's group must not end the guard before the build.
        detached: true,
      });
      guard.on('error', () => {});
      guard.unref();
      const pipe = guard.stdin as Socket | null;
      if (!pipe) return;
      pipe.on('error', () => {});
      // A pipe is a socket: unreferenced, it never keeps the wrapper alive.
      pipe.unref();
      end = () => pipe.end('done\n');
    } catch {
      // As above: no guard.
    }
  }, afterMs);
  timer.unref();
  return {
    release() {
      if (released) return;
      released = true;
      clearTimeout(timer);
      end?.();
    },
  };
}
