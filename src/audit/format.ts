import type { FixStep } from './fix.js';
import type { AuditReport, Finding } from './types.js';

/** The human listing: a headline, then a block per finding saying what, whose, and which builds break. */
export function formatReport(report: AuditReport): string {
  const breaking = report.findings.filter((finding) => finding.breaks).length;
  const roots = `${report.roots.length} root${report.roots.length === 1 ? '' : 's'}`;
  const lines =
    report.findings.length === 0
      ? [`audit: nothing found in ${roots}`]
      : [
          `audit: ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} in ${roots}, ${breaking} that break${breaking === 1 ? 's' : ''} builds`,
        ];
  for (const root of report.roots) lines.push(`  root ${root}`);
  for (const finding of report.findings) lines.push('', ...formatFinding(finding));
  lines.push(
    '',
    report.attributes === 'checked'
      ? 'entry point attributes: checked (each plugin module was imported)'
      : 'entry point attributes: not checked (modules were found without running plugin code; --import imports them to check)',
  );
  return `${lines.join('\n')}\n`;
}

function formatFinding(finding: Finding): string[] {
  const tag = finding.breaks ? 'BREAKS BUILDS' : 'warning';
  const lines = [`${finding.kind} [${tag}]: ${finding.path}`];
  const whose = [
    finding.distribution ? `distribution ${finding.distribution}` : null,
    finding.installer ? `installer ${finding.installer}` : null,
    finding.stale === undefined ? null : finding.stale ? 'stale' : 'live',
  ].filter(Boolean);
  if (whose.length) lines.push(`  ${whose.join(', ')}`);
  if (finding.entryPoint) {
    const ep = finding.entryPoint;
    lines.push(`  entry point [${ep.group}] ${ep.name} = ${ep.value} (attribute: ${ep.attributeCheck})`);
  }
  lines.push(`  why: ${finding.why}`);
  if (finding.fix)
    lines.push(
      `  fix: ${finding.fix.action === 'recover' ? 'merge --recover' : 'remove'} (${finding.fix.owner === 'ours' ? '--fix' : '--fix --yes'})`,
    );
  return lines;
}

export function formatFixStep(step: FixStep): string {
  switch (step.action) {
    case 'removed':
      return `removed ${step.path} (${step.detail})`;
    case 'recovered':
      return `recovered ${step.path}: ${step.detail}`;
    case 'would-remove':
      return `would remove ${step.path} (${step.detail}; not ours: pass --yes to remove it)`;
    default:
      return `skipped ${step.path}: ${step.detail}`;
  }
}
