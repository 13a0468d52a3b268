/**
 * plugin-settle's own failures. A failing *child* is never an exception: it is an attempt result.
 * Every error carries a stable string `code` (for scripts and the JSON report) and the `exitCode`
 * the CLI exits with, so the CLI maps errors to statuses without knowing where they came from.
 */
export class PluginSettleError extends Error {
  override readonly name: string = 'PluginSettleError';
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode: number = EXIT.internal,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Documented exit statuses of plugin-settle itself (the child's own status passes through). */
export const EXIT = {
  /** plugin-settle's own failure, bad usage, bad config, unsafe input. */
  internal: 125,
  notExecutable: 126,
  notFound: 127,
  /** 128 + N: the child died of signal N. */
  signalBase: 128,
} as const;

/** Bad flags, malformed values, invalid config: the user can fix it by changing the call. */
export class UsageError extends PluginSettleError {
  override readonly name = 'UsageError';
  constructor(message: string, code = 'usage', options?: { cause?: unknown }) {
    super(message, code, EXIT.internal, options);
  }
}

/** The command to wrap could not be started. */
export class CommandError extends PluginSettleError {
  override readonly name = 'CommandError';
  constructor(
    message: string,
    code: 'command-not-found' | 'command-not-executable',
    options?: { cause?: unknown },
  ) {
    super(message, code, code === 'command-not-found' ? EXIT.notFound : EXIT.notExecutable, options);
  }
}

export function isPluginSettleError(error: unknown): error is PluginSettleError {
  return error instanceof PluginSettleError;
}

/** What an errno means to a user, and what they can do about it. */
const ERRNO: Record<string, { cause: string; fix: string }> = {
  EROFS: { cause: 'read-only file system', fix: 'remount it read-write or use another directory' },
  ENOSPC: { cause: 'no space left on device', fix: 'free space on that file system' },
  EDQUOT: { cause: 'disk quota exceeded', fix: 'free space or raise the quota' },
  EACCES: { cause: 'permission denied', fix: 'run as a user allowed there, e.g. its owner' },
  EPERM: { cause: 'operation not permitted', fix: 'run as a user who may change it, e.g. its owner' },
  EIO: { cause: 'input/output error', fix: 'check the disk and the kernel log' },
  EMFILE: { cause: 'too many open files', fix: 'raise the limit (ulimit -n)' },
  ENFILE: { cause: 'too many open files in the system', fix: 'raise fs.file-max' },
  ENAMETOOLONG: { cause: 'file name too long', fix: 'use a shorter path' },
  ELOOP: { cause: 'too many levels of symbolic links', fix: 'fix the symlink loop' },
  ENOTDIR: { cause: 'a path component is not a directory', fix: 'check the path' },
  ENOENT: { cause: 'no such file or directory', fix: 'check the path' },
  EBUSY: { cause: 'device or resource busy', fix: 'retry when it is free' },
  EXDEV: { cause: 'crosses file systems', fix: 'keep the paths on one file system' },
};

/**
 * The machine refused an operation (a read-only, full or foreign file system, a missing permission):
 * the user's environment, not a bug of ours, so one line naming the path and the cause.
 */
export class EnvironmentError extends PluginSettleError {
  override readonly name = 'EnvironmentError';
  constructor(
    message: string,
    readonly errno: string,
    readonly path: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, 'environment', EXIT.internal, options);
  }
}

/** A Node system error (`code` like 'EROFS', with the syscall that failed), as opposed to a bug. */
export function isErrnoError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    /^E[A-Z0-9]+$/.test((error as NodeJS.ErrnoException).code as string) &&
    typeof (error as NodeJS.ErrnoException).syscall === 'string'
  );
}

/**
 * `<doing>: <cause> (<errno>) at <path>[; <after>] (<fix>)`. `doing` says what we were at, e.g.
 * "cannot merge into /x"; `after` what became of the user's files, e.g. "nothing was written".
 */
export function environmentError(
  error: NodeJS.ErrnoException & { code: string },
  doing: string,
  after?: string,
): EnvironmentError {
  const known = ERRNO[error.code];
  const cause = known?.cause ?? error.message.replace(/^[A-Z0-9]+: /, '').replace(/,.*$/, '');
  // A copy names source and target: a full or read-only file system is the target's.
  const dest = (error as { dest?: string }).dest;
  const path = dest && ['ENOSPC', 'EDQUOT', 'EROFS'].includes(error.code) ? dest : error.path;
  const where = path ? ` at ${path}` : '';
  const fix = known ? ` (${known.fix})` : '';
  return new EnvironmentError(
    `${doing}: ${cause} (${error.code})${where}${after ? `; ${after}` : ''}${fix}`,
    error.code,
    path,
    { cause: error },
  );
}
