import type { AttemptHandle } from './types.js';

/** The signals a wrapper owes its child: the ones a terminal, a CI runner or a service manager sends. */
export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/**
 * Forwards termination signals to the running child's process group and turns them into an abort,
 * so that no retry or settle wait follows an interruption. A second SIGINT means it: SIGKILL.
 * The child runs in its own process group, so a terminal's Ctrl-C reaches only us: forwarding is
 * what delivers it, exactly once.
 */
export class SignalRelay {
  private readonly controller = new AbortController();
  private killTimer: NodeJS.Timeout | undefined;
  private child: AttemptHandle | null = null;
  private interrupts = 0;
  /** The first signal received, for the exit status when no child was running. */
  received: NodeJS.Signals | null = null;
  /** True when the interruption came while no child ran (during a settle wait). */
  receivedWhileIdle = false;
  private readonly listener = (signal: NodeJS.Signals) => this.deliver(signal);

  /** @param killAfterMs how long a child may take to stop after a forwarded signal before SIGKILL. */
  constructor(private readonly killAfterMs = 1000) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  install(): this {
    for (const name of FORWARDED_SIGNALS) process.on(name, this.listener);
    return this;
  }

  uninstall(): void {
    for (const name of FORWARDED_SIGNALS) process.off(name, this.listener);
  }

  attach(child: AttemptHandle): void {
    this.child = child;
  }

  detach(child: AttemptHandle): void {
    if (this.child !== child) return;
    this.child = null;
    clearTimeout(this.killTimer);
  }

  deliver(signal: NodeJS.Signals): void {
    if (this.received === null) {
      this.received = signal;
      this.receivedWhileIdle = this.child === null;
    }
    if (signal === 'SIGINT') this.interrupts++;
    const child = this.child;
    child?.kill(this.interrupts >= 2 ? 'SIGKILL' : signal);
    // A child that ignores the signal (a shell waiting on a job that ignores SIGINT) must not keep
    // the user waiting: after a grace period the group is killed.
    if (child && this.killTimer === undefined) {
      this.killTimer = setTimeout(() => child.kill('SIGKILL'), this.killAfterMs);
    }
    this.controller.abort(new Error(`interrupted by ${signal}`));
  }
}
