import { lstatSync, realpathSync, type Stats, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { isStaleByAge } from '../watch/liveness.js';
import { discoverRoots } from '../watch/roots/discover.js';
import { findDuplicates } from './duplicates.js';
import { findBrokenEntryPoints } from './entry-points.js';
import { checkDistribution } from './incomplete.js';
import { incompleteFinding } from './incomplete-finding.js';
import { findLeftovers } from './leftovers.js';
import { readRecord, sealsOf } from './records.js';
import type { AuditOptions, AuditReport, Finding, FindingKind } from './types.js';
import { listMetadata, walkRoots } from './walk.js';

const ORDER: FindingKind[] = [
  'incomplete',
  'entry-point',
  'duplicate',
  'merge-in-progress',
  'leftover',
  'stale-marker',
];

/**
 * The whole audit: one walk of the roots, then every check over what it saw. Our own failures (no
 * interpreter, no roots) throw UsageError; what is wrong in site-packages is findings.
 */
export async function audit(options: AuditOptions = {}): Promise<AuditReport> {
  const python = options.python ?? 'python3';
  const warnings: string[] = [];
  const staleAfterMs = options.staleAfterMs ?? 60_000;
  const discovered = await discoverRoots(python);
  if (discovered.roots.length === 0 && (options.python !== undefined || !options.watch?.length))
    throw new UsageError(
      `nothing to audit: ${discovered.warnings[0] ?? `${python} reports no site-packages`}`,
    );
  warnings.push(...discovered.warnings);
  const pythonUsable = discovered.roots.length > 0;
  const roots = uniqueRoots([...discovered.roots, ...(options.watch ?? []).map(checkedWatchDir)]);
  const metadata = listMetadata(roots);
  // The interpreter looks for the entry points' modules in its own process while this one walks.
  const entryPoints = pythonUsable
    ? findBrokenEntryPoints(python, metadata, options.importModules ?? false).catch((error: Error) => {
        warnings.push(`${error.message}; entry points not checked`);
        return [] as Finding[];
      })
    : Promise.resolve([] as Finding[]);
  if (!pythonUsable) warnings.push('entry points not checked: no interpreter to ask (pass --python)');
  const records = metadata.map(({ metadata: dirs }) => dirs.map(readRecord));
  const walk = walkRoots(roots, records.map(sealsOf));
  const now = Date.now();
  const incomplete: Finding[] = [];
  for (const [index, { root, metadata: dirs }] of metadata.entries()) {
    for (const [at, dir] of dirs.entries()) {
      const sizes = options.sizes === true || isRecent(dir, walk.metadataStats, staleAfterMs, now);
      const found = await checkDistribution(root, dir, records[index]![at]!, walk.present[index]!, sizes);
      if (found) incomplete.push(incompleteFinding(found));
    }
  }
  const leftovers = await findLeftovers(roots, walk.candidates, {
    staleAfterMs,
    portageRoot: options.portageRoot ?? process.env.EROOT ?? '/',
    warn: (message) => warnings.push(message),
  });
  const findings = [
    ...incomplete,
    ...(await entryPoints),
    ...findDuplicates(metadata.map((root) => root.metadata)),
    ...leftovers,
  ].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.path.localeCompare(b.path));
  return {
    version: 1,
    python: pythonUsable ? python : null,
    roots,
    attributes: options.importModules ? 'checked' : 'not-checked',
    findings,
    warnings,
    breaks: findings.some((finding) => finding.breaks),
  };
}

function checkedWatchDir(dir: string): string {
  const stats = statSync(dir, { throwIfNoEntry: false });
  if (!stats?.isDirectory())
    throw new UsageError(`--watch ${dir} is not a directory (pass an existing site-packages)`);
  return dir;
}

/** Real paths, so one site-packages reached twice (a symlinked lib64, --watch of a root) is walked once. */
function uniqueRoots(roots: string[]): string[] {
  const seen = new Set<string>();
  for (const root of roots) {
    let real: string;
    try {
      real = realpathSync(resolve(root));
    } catch {
      continue;
    }
    seen.add(real);
  }
  return [...seen];
}

/**
 * A distribution changed within stale-after may be mid-install: its files' sizes are worth a stat
 * each. The walk has usually looked at the metadata directory already.
 */
function isRecent(metadata: string, seen: Map<string, Stats>, staleAfterMs: number, now: number): boolean {
  const stats = seen.get(metadata) ?? lstatSync(metadata, { throwIfNoEntry: false });
  return stats !== undefined && !isStaleByAge(stats, staleAfterMs, now);
}
