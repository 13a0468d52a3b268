import type { Report } from '../types.js';
import { attemptFacts, healedLoads, plural, seconds } from './facts.js';
import { workflowCommand } from './github.js';

/** One `::warning` per race survived (module, plugin loader, wait) and an `::error` when we gave up. */
export function annotations(report: Report): string[] {
  const lines: string[] = [];
  for (const attempt of report.attempts) {
    if (attempt.decision?.action !== 'retry') continue;
    const facts = attemptFacts(attempt);
    const about = [facts.module, facts.loader].filter(Boolean).join(', ');
    lines.push(
      workflowCommand(
        'warning',
        { title: `plugin-settle: plugin merge race${about ? ` (${about})` : ''}` },
        `attempt ${attempt.n} failed: ${attempt.decision.reason}. ` +
          `Waited ${seconds(attempt.waitedMs ?? 0)} for the merge to finish, then retried.`,
      ),
    );
  }
  for (const load of healedLoads(report)) {
    const about = [load.module, load.group].filter(Boolean).join(', ');
    lines.push(
      workflowCommand(
        'warning',
        { title: `plugin-settle: plugin merge race healed in process${about ? ` (${about})` : ''}` },
        `loading ${load.entryPoint ?? load.module ?? 'a plugin'}${load.group ? ` from ${load.group}` : ''} ` +
          `failed while it was being merged; waited ${seconds(load.waitedMs)} and loaded it again, no rebuild.`,
      ),
    );
  }
  if (report.result === 'gave-up') {
    lines.push(
      workflowCommand(
        'error',
        { title: 'plugin-settle: gave up' },
        `gave up after ${plural(report.attempts.length, 'attempt')} (exit ${report.exitCode}): ${report.reason ?? 'the race kept happening'}`,
      ),
    );
  }
  return lines;
}
