// Apart from probe.ts, whose process library a passing build must never load: the decision needs
// these names on every failure, the probe only for a retry.

const MISSING_NAME = [/cannot import name '([\w.]+)'/, /has no attribute '([\w.]+)'/];

/**
 * What to ask once the tree has settled: what failed, no more. A missing module must be findable;
 * a missing name must be there in its module (`module:name`), or the probe would pass on a module
 * that imports but still lacks the name and the build would be retried into the same error.
 */
export function probeTargets(c: {
  category: string;
  module: string | null;
  topLevel: string | null;
  exception: { message: string } | null;
}): string[] {
  if (c.category === 'missing-name' && c.module) {
    const message = c.exception?.message ?? '';
    const name = MISSING_NAME.map((pattern) => pattern.exec(message)?.[1]).find(Boolean);
    if (name) return [`${c.module}:${name}`];
  }
  if (c.category !== 'missing-module' && c.category !== 'missing-name') return [];
  return [...new Set([c.module, c.topLevel].filter((name): name is string => Boolean(name)))];
}

/** A target as the build's own words: `import pbr`, `from setuptools import nosuchname`. */
export function probeStatement(target: string): string {
  const [module, names] = target.split(':');
  return names ? `from ${module} import ${names}` : `import ${module}`;
}
