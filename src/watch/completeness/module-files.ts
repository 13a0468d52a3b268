import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function hasExtension(dir: string, name: string): Promise<boolean> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  return entries.some(
    (entry) => entry.startsWith(`${name}.`) && (entry.endsWith('.so') || entry.endsWith('.pyd')),
  );
}

/** A top-level name is there as `name.py`, a directory `name/` (package or namespace) or `name*.so`. */
export async function topLevelExists(root: string, name: string): Promise<boolean> {
  return (
    (await exists(join(root, `${name}.py`))) || (await exists(join(root, name))) || hasExtension(root, name)
  );
}

/**
 * The file an entry point's module lives in: `pkg/mod.py` or `pkg/mod/__init__.py` (or an
 * extension), with every parent package's `__init__.py`. Returns what is missing, root-relative.
 */
export async function missingForModule(root: string, dotted: string): Promise<string[]> {
  const parts = dotted.split('.');
  const leaf = parts.pop()!;
  const missing: string[] = [];
  for (let depth = 1; depth <= parts.length; depth++) {
    const init = join(...parts.slice(0, depth), '__init__.py');
    if (!(await exists(join(root, init)))) missing.push(init);
  }
  const dir = join(root, ...parts);
  const asFile = join(...parts, `${leaf}.py`);
  const asPackage = join(...parts, leaf, '__init__.py');
  const present =
    (await exists(join(root, asFile))) ||
    (await exists(join(root, asPackage))) ||
    (await hasExtension(dir, leaf));
  if (!present) missing.push(asFile);
  return missing;
}

/** Module paths named by `entry_points.txt` (`name = pkg.mod:attr [extra]`), in file order. */
export function entryPointModules(text: string): string[] {
  const modules = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('[') || line.startsWith('#') || line.startsWith(';')) continue;
    const value = line.slice(line.indexOf('=') + 1).trim();
    const module = value.split(':')[0]!.split('[')[0]!.trim();
    if (/^[A-Za-z_][\w.]*$/.test(module)) modules.add(module);
  }
  return [...modules];
}
