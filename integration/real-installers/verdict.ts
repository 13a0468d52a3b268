import type { AttemptRecord } from '../../src/run/attempts.js';
import { type Build, failed } from './builds.js';

export interface Retry {
  build: number;
  attempt: AttemptRecord;
}

export interface Verdict {
  builds: number;
  failed: Build[];
  retries: Retry[];
  /** Retries whose attempt has no classification or no evidence naming the plugin or a merge. */
  unjustified: Retry[];
}

type Evidence = { changes: { path: string }[]; merges: unknown[] };

/**
 * A retry is justified when the failed attempt was classified and its evidence is a merge at work or a
 * change to one of `plugin`'s paths (its modules, its metadata, pip's `~` stash of them).
 */
export function judge(builds: readonly Build[], plugin: RegExp): Verdict {
  const retries = builds.flatMap((b) =>
    (b.report?.attempts ?? [])
      .filter((a) => a.decision?.action === 'retry')
      .map((attempt) => ({ build: b.n, attempt })),
  );
  const unjustified = retries.filter(({ attempt }) => {
    const evidence = attempt.evidence as Evidence | undefined;
    const named = evidence?.changes.some((c) => plugin.test(c.path)) || (evidence?.merges.length ?? 0) > 0;
    return !attempt.classification || !named;
  });
  return { builds: builds.length, failed: failed(builds), retries, unjustified };
}

/** One line per build that failed, and per retry: what the test prints and what a failure shows. */
export function describeVerdict(name: string, verdict: Verdict): string {
  const lines = [
    `${name}: ${verdict.builds} builds, ${verdict.failed.length} failed, ${verdict.retries.length} retried attempts`,
  ];
  for (const b of verdict.failed)
    lines.push(
      `  build ${b.n} exit ${b.exitCode}${b.report ? ` (${b.report.result}: ${b.report.reason ?? ''})` : ''}: ${b.tail.split('\n').pop()}`,
    );
  for (const { build, attempt } of verdict.retries) {
    const evidence = attempt.evidence as Evidence | undefined;
    const category = (attempt.classification as { category?: string } | undefined)?.category;
    const first = evidence?.changes[0]?.path ?? (evidence?.merges.length ? 'a merge at work' : 'none');
    lines.push(
      `  build ${build} attempt ${attempt.n} retried: ${category}, ${evidence?.changes.length ?? 0} changes (${first})`,
    );
  }
  return lines.join('\n');
}
