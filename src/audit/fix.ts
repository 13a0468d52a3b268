import { lstatSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { recover } from '../merge/recover.js';
import type { Finding } from './types.js';

export interface FixStep {
  /** `removed` and `recovered` changed the tree; `would-remove` and `skipped` did not. */
  action: 'removed' | 'recovered' | 'would-remove' | 'skipped';
  path: string;
  owner: 'ours' | 'others';
  detail: string;
}

/**
 * `--fix`: only stale names. Ours always (a root whose journal says a merge did not finish goes
 * through `merge --recover`, which finishes or undoes it, rather than losing half a merge); another
 * installer's or a user's only with `yes`, otherwise listed as what would be removed.
 */
export async function applyFix(findings: readonly Finding[], options: { yes: boolean }): Promise<FixStep[]> {
  const steps: FixStep[] = [];
  const fixable = findings.filter((finding) => finding.fix !== null && finding.stale !== false);
  const recoverRoots = new Set(
    fixable
      .filter((finding) => finding.fix!.action === 'recover')
      .map((finding) => rootOfJournal(finding, findings)),
  );
  for (const root of recoverRoots) steps.push(...(await recoverRoot(root)));
  for (const finding of fixable) {
    const { owner } = finding.fix!;
    if (!lstatSync(finding.path, { throwIfNoEntry: false })) continue; // recovery took it
    if (owner === 'others' && !options.yes) {
      steps.push({ action: 'would-remove', path: finding.path, owner, detail: describe(finding) });
      continue;
    }
    try {
      rmSync(finding.path, { recursive: true, force: true });
      steps.push({ action: 'removed', path: finding.path, owner, detail: describe(finding) });
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? String(error);
      steps.push({ action: 'skipped', path: finding.path, owner, detail: `cannot remove it (${why})` });
    }
  }
  return steps;
}

async function recoverRoot(root: string): Promise<FixStep[]> {
  try {
    const result = await recover(root);
    const lines = result.details.length > 0 ? result.details : [`nothing to recover (${result.action})`];
    return lines.map((detail) => ({
      action: 'recovered' as const,
      path: root,
      owner: 'ours' as const,
      detail,
    }));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return [{ action: 'skipped', path: root, owner: 'ours', detail }];
  }
}

/** The root holding the journal that covers this finding (the longest match). */
function rootOfJournal(finding: Finding, all: readonly Finding[]): string {
  const journals = all
    .filter((other) => /\/\.plugin-settle-journal\.[^/]+$/.test(other.path))
    .map((other) => dirname(other.path))
    .filter((root) => finding.path === `${root}/.plugin-settle-merge` || finding.path.startsWith(`${root}/`))
    .sort((a, b) => b.length - a.length);
  return journals[0] ?? dirname(finding.path);
}

function describe(finding: Finding): string {
  const who = finding.installer ?? 'unknown installer';
  return finding.kind === 'stale-marker' ? `${who} stale marker` : `${who} leftover`;
}
