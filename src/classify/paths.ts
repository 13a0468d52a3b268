// The classifier is pure and cannot know the watched roots; it judges a path by its shape, and the caller
// checks the implicated files against the real roots.
const SITE_LIKE =
  /[\\/](?:site-packages|dist-packages)[\\/]|[\\/]lib(?:64)?[\\/]python\d(?:\.\d+)?[\\/]|\.egg[\\/]/;
const SITE_ROOT =
  /^.*[\\/](?:site-packages|dist-packages)[\\/]|^.*[\\/]lib(?:64)?[\\/]python\d(?:\.\d+)?[\\/]/;
const METADATA_DIR = /([^\\/]+)\.(?:dist-info|egg-info)(?:[\\/]|$)/;
// dist-info directories are `name-version`; a name never has a `-` followed by a digit in that position.
const NAME_VERSION = /^(.+?)-\d[^-]*(?:-py\d.*)?$/;

export function isSitePackagesPath(path: string): boolean {
  return SITE_LIKE.test(path);
}

/** `…/site-packages/pkg/mod.py` → `pkg.mod`; null for paths outside site-packages-like roots. */
export function moduleFromPath(path: string): string | null {
  if (!SITE_ROOT.test(path)) return null;
  const relative = path
    .replace(SITE_ROOT, '')
    .split(/[\\/]/)
    .filter((part) => part !== '__pycache__');
  const last = relative.pop();
  if (!last) return null;
  const stem = last
    .replace(/\.(?:cpython-\d+\.)?py[cdo]?$/, '')
    .replace(/\.[^.]*\.(?:so|pyd)$|\.(?:so|pyd)$/, '');
  if (stem === last && /\./.test(last)) return null;
  const parts = stem === '__init__' ? relative : [...relative, stem];
  if (parts.length === 0 || parts.some((part) => !/^[A-Za-z_]\w*$/.test(part))) return null;
  return parts.join('.');
}

/** The distribution a `*.dist-info`/`*.egg-info` path belongs to, e.g. `demo_writer-1.0.dist-info` → `demo_writer`. */
export function distributionFromPath(path: string): string | null {
  const dir = METADATA_DIR.exec(path)?.[1];
  if (!dir) return null;
  return NAME_VERSION.exec(dir)?.[1] ?? dir;
}

export function isPseudoPath(path: string): boolean {
  return path.startsWith('<') && path.endsWith('>');
}

/**
 * The implicated files that lie under one of the watched roots. The classifier judges installed files by
 * path shape only; the decision checks them against the real roots (a truncated-source file outside every
 * root is not a race).
 */
export function filesUnderRoots(files: readonly string[], roots: readonly string[]): string[] {
  const prefixes = roots.map((root) => root.replace(/[\\/]+$/, ''));
  return files.filter((file) =>
    prefixes.some((root) => file.startsWith(`${root}/`) || file.startsWith(`${root}\\`)),
  );
}
