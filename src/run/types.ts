/** What one run of the child came to. A failing child is data, never an exception. */
export interface AttemptResult {
  /** 1-based attempt number. */
  n: number;
  started: number;
  ended: number;
  /** The child's exit code, or null when it died of a signal. */
  exitCode: number | null;
  /** The signal the child died of, e.g. 'SIGTERM'. */
  signal: NodeJS.Signals | null;
  /** True when the attempt ended because we forwarded a signal (Ctrl-C, SIGTERM…): never retried. */
  interrupted: boolean;
  /**
   * The last bytes of the output we piped (empty when the build's output was inherited: then the
   * in-process records say what failed).
   */
  tail: Buffer;
  /** What the in-process shim recorded during this attempt (README "Protocol"); empty without it. */
  records?: Record<string, unknown>[];
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface AttemptHandle {
  readonly pid: number | undefined;
  /** Signals the child's whole process group. */
  kill(signal: NodeJS.Signals): void;
  readonly result: Promise<AttemptResult>;
}

/** Starts one attempt of the command; throws CommandError when it cannot be started at all. */
export type Spawner = (n: number) => Promise<AttemptHandle>;
