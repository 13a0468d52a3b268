import { access } from 'node:fs/promises';
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
