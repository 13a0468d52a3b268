/** PEP 503: runs of `-`, `_`, `.` are one `-`, case does not matter. */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

const METADATA_RE = /^(.+?)(?:-[^-]*\d[^-]*)*\.(dist-info|egg-info)$/;

/**
 * The distribution a metadata entry belongs to: `pbr-5.11.1.dist-info`, `pbr.egg-info` and
 * `pbr-5.8.0-py3.11.egg-info` all give `pbr`. The shortest head wins, and every dashed part after it
 * must hold a digit (a version or `py3.11` tag), so an old unescaped `foo-bar-1.0` still gives `foo-bar`.
 */
export function metadataDistribution(entry: string): string | null {
  return METADATA_RE.exec(entry)?.[1] ?? null;
}

export function isMetadataEntry(entry: string): boolean {
  return entry.endsWith('.dist-info') || entry.endsWith('.egg-info');
}

/** The top-level module of a dotted name: `pbr.version` → `pbr`. */
export function topLevelOf(module: string): string {
  return module.split('.')[0]!;
}
