import { access, lstat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** site-packages sits at most three levels under a venv (`lib/python3.X/site-packages`). */
export async function venvOf(root: string): Promise<string | null> {
  let dir = root;
  for (let level = 0; level < 4; level++) {
    const found = await access(join(dir, 'pyvenv.cfg')).then(
      () => true,
      () => false,
    );
    if (found) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/** Roots of a system interpreter see system installers (dpkg, rpm, Portage); venv roots see uv's lock. */
export async function classifyRoots(roots: string[], warn: (message: string) => void) {
  const systemRoots: string[] = [];
  const venvs = new Set<string>();
  await Promise.all(
    roots.map(async (root) => {
      const stats = await lstat(root).catch((error: NodeJS.ErrnoException) => error);
      if (stats instanceof Error || !stats.isDirectory()) {
        const why = stats instanceof Error ? (stats.code ?? stats.message) : 'not a directory';
        warn(`cannot watch ${root} (${why}); nothing there to watch`);
        return;
      }
      const venv = await venvOf(root);
      if (venv) venvs.add(venv);
      else systemRoots.push(root);
    }),
  );
  return { systemRoots, venvs: [...venvs] };
}
