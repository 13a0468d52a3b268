import { Command } from 'commander';
import { durationMs } from '../config/parse.js';
import { UsageError } from '../errors.js';

interface StatusOptions {
  python: string;
  watch: string[];
  since: number;
  json?: boolean;
  portageRoot?: string;
  staleAfter: number;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function statusCommand(): Command {
  return new Command('status')
    .description('show the watched roots, merges in progress, recent changes and incomplete distributions')
    .option('--python <py>', 'interpreter whose site-packages to watch', 'python3')
    .option('--watch <dir>', 'also watch this directory (repeatable)', collect, [])
    .option('--since <ms>', 'report changes made in the last <ms> milliseconds (or 2s)', durationMs, 10_000)
    .option('--portage-root <dir>', 'Portage EROOT to look for merges in (default: $EROOT or /)')
    .option(
      '--stale-after <ms>',
      'a staging name or marker untouched this long is a leftover',
      durationMs,
      60_000,
    )
    .option('--json', 'print one JSON object')
    .action(async (options: StatusOptions) => {
      const sinceMs = options.since;
      const staleAfterMs = options.staleAfter;
      const { discoverRoots, startMonitor } = await import('../watch/index.js');
      const warnings: string[] = [];
      const discovered = await discoverRoots(options.python);
      warnings.push(...discovered.warnings);
      if (discovered.roots.length === 0 && options.watch.length === 0) {
        throw new UsageError(
          `no roots to look at: ${warnings[0] ?? `${options.python} reports no site-packages`}`,
        );
      }
      const monitor = startMonitor({
        roots: discovered.roots,
        extraRoots: options.watch,
        staleAfterMs,
        ...(options.portageRoot ? { portageRoot: options.portageRoot } : {}),
        onWarning: (message) => warnings.push(message),
      });
      try {
        const [recentChanges, merges, incomplete] = await Promise.all([
          monitor.changesSince(Date.now() - sinceMs, 'any'),
          monitor.mergesInProgress(),
          monitor.incomplete(),
        ]);
        const report = {
          roots: monitor.roots,
          merges: merges.map(({ kind, path, pid, stale }) => ({ kind, path, pid: pid ?? null, stale })),
          recentChanges: recentChanges.map(({ path, kind, time }) => ({ path, kind, time })),
          incomplete: incomplete.map(({ distribution, metadata, missing, stale }) => ({
            distribution,
            metadata,
            missing,
            stale,
          })),
          warnings,
        };
        for (const warning of warnings) process.stderr.write(`plugin-settle: warning: ${warning}\n`);
        process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : human(report, sinceMs));
      } finally {
        await monitor.close();
      }
    });
}

function human(
  report: {
    roots: string[];
    merges: Array<{ kind: string; path: string; pid: number | null; stale: boolean }>;
    recentChanges: Array<{ path: string; kind: string; time: number }>;
    incomplete: Array<{ distribution: string; metadata: string; missing: string[]; stale: boolean }>;
  },
  sinceMs: number,
): string {
  const lines = ['roots:', ...report.roots.map((root) => `  ${root}`)];
  lines.push(report.merges.length ? 'merges in progress:' : 'merges in progress: none');
  for (const merge of report.merges) {
    lines.push(
      `  ${merge.kind} ${merge.path}${merge.pid ? ` (pid ${merge.pid})` : ''}${merge.stale ? ' [stale leftover]' : ''}`,
    );
  }
  lines.push(`changes in the last ${sinceMs / 1000} s: ${report.recentChanges.length || 'none'}`);
  for (const change of report.recentChanges) lines.push(`  ${change.kind} ${change.path}`);
  lines.push(report.incomplete.length ? 'incomplete distributions:' : 'incomplete distributions: none');
  for (const entry of report.incomplete) {
    lines.push(
      `  ${entry.distribution} (${entry.metadata})${entry.stale ? ' [unchanged for a while]' : ''}: missing ${entry.missing.join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
