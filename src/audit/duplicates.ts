import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { metadataDistribution, normalizeName } from '../watch/names.js';
import type { Finding } from './types.js';

/** Two metadata directories of one normalised name in one root: two versions installed at once. */
export function findDuplicates(metadataByRoot: ReadonlyArray<readonly string[]>): Finding[] {
  const findings: Finding[] = [];
  for (const metadata of metadataByRoot) {
    const groups = new Map<string, string[]>();
    for (const path of metadata) {
      const name = metadataDistribution(basename(path));
      if (!name) continue;
      const key = normalizeName(name);
      groups.set(key, [...(groups.get(key) ?? []), path]);
    }
    for (const [name, paths] of groups) {
      if (paths.length < 2) continue;
      const sorted = [...paths].sort();
      const versions = sorted.map(versionOf);
      const differ = new Set(versions).size > 1;
      const listed = sorted.map((p, i) => `${basename(p)}: ${versions[i] ?? 'unknown version'}`).join(', ');
      findings.push({
        kind: 'duplicate',
        path: dirname(sorted[0]!),
        distribution: name,
        installer: null,
        // One version twice (Debian ships some so) confuses no loader; two versions do.
        breaks: differ,
        paths: sorted,
        why: differ
          ? `${sorted.length} versions of ${name} are installed side by side (${listed}): importlib.metadata answers with whichever the directory lists first, pkg_resources may raise VersionConflict, and setuptools loads the entry points of every one, so an entry point of the old version naming a module the new one removed fails every build; remove all but one and reinstall it`
          : `${name} has ${sorted.length} metadata directories of one version (${listed}): loaders see the distribution twice, harmless while they agree, but an uninstall removes only one`,
        fix: null,
      });
    }
  }
  return findings;
}

/** The version from the directory name, else from METADATA / PKG-INFO (an egg-info is often unversioned). */
function versionOf(metadata: string): string | null {
  const fromName = /-([^-]*\d[^-]*?)(?:-py\d[^-]*)?\.(?:dist|egg)-info$/.exec(basename(metadata))?.[1];
  if (fromName) return fromName;
  for (const file of ['METADATA', 'PKG-INFO']) {
    try {
      const match = /^Version:\s*(\S+)/m.exec(readFileSync(`${metadata}/${file}`, 'utf8').slice(0, 4096));
      if (match) return match[1]!;
    } catch {}
  }
  return null;
}
