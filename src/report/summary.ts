import { plural } from './ci/facts.js';
import type { Report } from './types.js';

/**
 * The one line a run leaves on stderr, or nothing: a build that passed first time, or failed for a
 * reason we had no opinion on, shows no trace of the wrapper unless asked (`--verbose`).
 */
export function summaryLine(
  report: Report,
  options: { quiet?: boolean; verbose?: boolean } = {},
): string | null {
  const attempts = report.attempts.length;
  const waited = report.attempts.reduce((sum, attempt) => sum + (attempt.waitedMs ?? 0), 0);
  const healed = report.inProcess.filter((event) => event.event === 'healed').length;
  switch (report.result) {
    case 'succeeded':
      if (attempts > 1)
        return `succeeded on attempt ${attempts} after a plugin merge race (waited ${seconds(waited)})`;
      if (healed > 0 && !options.quiet) return `succeeded; ${healed} plugin load(s) healed in process`;
      return null;
    case 'gave-up':
      return `gave up after ${plural(attempts, 'attempt')} (exit ${report.exitCode}): ${report.reason ?? 'the race kept happening'}`;
    case 'not-a-race':
      return options.quiet
        ? null
        : `exit ${report.exitCode}, not retried: ${report.reason ?? 'not a merge race'}`;
    case 'failed':
      if (options.quiet || !options.verbose)
        return attempts > 1 ? `failed on attempt ${attempts}: ${report.reason}` : null;
      return `exit ${report.exitCode}, not retried: ${report.reason ?? 'not a merge race'}`;
    case 'interrupted':
      return null;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
