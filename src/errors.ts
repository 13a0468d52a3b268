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
