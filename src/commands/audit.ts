import { Command } from 'commander';
import { UsageError } from '../errors.js';

interface AuditCliOptions {
  python?: string;
  watch: string[];
  staleAfter: string;
  json?: boolean;
  import?: boolean;
  sizes?: boolean;
  fix?: boolean;
  yes?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function auditCommand(): Command {
  return new Command('audit')
    .summary('find what half-finished installs left in site-packages, before a build trips on it')
    .description(
      'List every incomplete distribution, entry point whose module cannot be found, installer leftover, ' +
        'stale marker and duplicate distribution in the interpreter’s site-packages, with which builds each ' +
        'would break and how. Exits 0 when nothing would break a build, 1 when something would, 125 on our own errors.',
    )
    .option('--python <path>', 'interpreter whose site-packages to audit (default: python3)')
    .option('--watch <dir>', 'audit this directory too (repeatable)', collect, [])
    .option('--stale-after <ms>', 'a temp name or marker untouched this long is a leftover', '60000')
    .option('--import', "import each entry point's module to check its attribute (runs the plugins' code)")
    .option(
      '--sizes',
      "compare every installed file's size with RECORD (one stat per file), not only recent ones",
    )
    .option('--fix', 'remove what is ours and provably dead (stale staging names, markers); list the rest')
    .option('--yes', "with --fix: also remove other installers' stale leftovers")
    .option('--json', 'print one JSON object (schema/audit.schema.json)')
    .action(async (options: AuditCliOptions) => {
      const staleAfterMs = Number(options.staleAfter);
      if (!Number.isFinite(staleAfterMs) || staleAfterMs < 0)
        throw new UsageError(`--stale-after takes a number of milliseconds, got '${options.staleAfter}'`);
      if (options.yes && !options.fix) throw new UsageError('--yes only goes with --fix (add --fix)');
      const { applyFix, audit, formatFixStep, formatReport } = await import('../audit/index.js');
      const auditOptions = {
        ...(options.python ? { python: options.python } : {}),
        watch: options.watch,
        staleAfterMs,
        importModules: options.import ?? false,
        sizes: options.sizes ?? false,
      };
      const report = await audit(auditOptions);
      const fix = options.fix ? await applyFix(report.findings, { yes: options.yes ?? false }) : null;
      // After a fix the exit status is the state it left behind.
      const after = fix?.some((step) => step.action === 'removed' || step.action === 'recovered')
        ? await audit(auditOptions)
        : report;
      for (const warning of report.warnings) process.stderr.write(`plugin-settle: warning: ${warning}\n`);
      if (options.json) {
        const out = fix ? { ...report, fix: { steps: fix, breaksAfter: after.breaks } } : report;
        process.stdout.write(`${JSON.stringify(out)}\n`);
      } else {
        process.stdout.write(formatReport(report));
        if (fix)
          process.stdout.write(
            fix.length ? `\n${fix.map(formatFixStep).join('\n')}\n` : '\nnothing to fix\n',
          );
      }
      process.exitCode = after.breaks ? 1 : 0;
    });
}
