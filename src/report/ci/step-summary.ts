import { appendFile } from 'node:fs/promises';
import type { Report } from '../types.js';
import { attemptFacts, healedLoads, plural, seconds, timeLostMs } from './facts.js';

/** Worth a step summary: a race was seen (retried, healed or given up on) or ruled out. */
export function worthSummarising(report: Report): boolean {
  return (
    report.attempts.length > 1 ||
    healedLoads(report).length > 0 ||
    report.result === 'gave-up' ||
    report.result === 'not-a-race'
  );
}

/** Markdown for $GITHUB_STEP_SUMMARY: headline, attempts table, evidence, time lost. */
export function stepSummary(report: Report): string {
  const attempts = report.attempts.length;
  const headline = {
    succeeded: attempts > 1 ? `succeeded on attempt ${attempts} after a plugin merge race` : 'succeeded',
    'gave-up': `gave up after ${plural(attempts, 'attempt')}`,
    'not-a-race': `exit ${report.exitCode}, not a plugin merge race`,
    failed: `failed on attempt ${attempts}`,
    interrupted: 'interrupted',
  }[report.result];
  const healed = healedLoads(report);
  const lines = [
    `### plugin-settle: ${headline}`,
    '',
    `\`${cell(report.command.join(' '))}\` · ${attempts} attempt(s) · time lost to the race: ${seconds(timeLostMs(report))}` +
      (healed.length ? ` · ${healed.length} plugin load(s) healed in process` : ''),
    '',
    '| attempt | exit | failure | plugin loader | decision | waited |',
    '| ---: | ---: | --- | --- | --- | ---: |',
  ];
  for (const attempt of report.attempts) {
    const facts = attemptFacts(attempt);
    const exit = attempt.signal ?? String(attempt.exitCode);
    const decision = attempt.decision ? `${attempt.decision.action}: ${attempt.decision.reason}` : '';
    const waited = attempt.waitedMs === undefined ? '' : seconds(attempt.waitedMs);
    lines.push(
      `| ${attempt.n} | ${cell(exit)} | ${cell(facts.failure ?? '')} | ${facts.loader ? `\`${cell(facts.loader)}\`` : ''} | ${cell(decision)} | ${waited} |`,
    );
  }
  for (const attempt of report.attempts) {
    const { changes, merges } = attemptFacts(attempt);
    if (changes.length === 0 && merges.length === 0) continue;
    lines.push('', `<details><summary>Evidence for attempt ${attempt.n}</summary>`, '');
    for (const merge of merges)
      lines.push(
        `- ${merge.stale ? 'stale marker' : 'merge in progress'}: ${merge.kind} \`${cell(merge.path)}\`${merge.pid ? ` (pid ${merge.pid})` : ''}`,
      );
    for (const change of changes)
      lines.push(`- ${change.kind} \`${cell(change.path)}\`${change.source ? ` (${change.source})` : ''}`);
    lines.push('', '</details>');
  }
  if (healed.length) {
    lines.push('', '| healed in process | group | waited |', '| --- | --- | ---: |');
    for (const load of healed)
      lines.push(
        `| ${cell(load.entryPoint ?? load.module ?? '?')} | ${cell(load.group ?? '')} | ${seconds(load.waitedMs)} |`,
      );
  }
  return `${lines.join('\n')}\n\n`;
}

/** Appends to the summary file; a path that goes nowhere is a warning, never a failed build. */
export async function appendStepSummary(file: string, markdown: string): Promise<string | null> {
  try {
    await appendFile(file, markdown);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return `cannot append the step summary to GITHUB_STEP_SUMMARY=${file} (${code}); the build's result is unaffected`;
  }
}

/** A table cell on one line, with its pipes kept as text. */
function cell(text: string): string {
  return text.replaceAll(/[\r\n]+/g, ' ').replaceAll('|', '\\|');
}
