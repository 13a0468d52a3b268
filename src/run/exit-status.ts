import { constants } from 'node:os';
import { EXIT } from '../errors.js';

/** The shell convention for a signal death: 128 + the signal's number. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return EXIT.signalBase + (constants.signals[signal] ?? 0);
}

export function exitStatusOf(attempt: { exitCode: number | null; signal: NodeJS.Signals | null }): number {
  if (attempt.exitCode !== null) return attempt.exitCode;
  return attempt.signal ? signalExitCode(attempt.signal) : EXIT.internal;
}
