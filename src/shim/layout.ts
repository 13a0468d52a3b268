import { join } from 'node:path';
import { packageRoot } from '../paths.js';

/** Where the drop-in shims live: `bin/` (PATH shims), `python/` (sitecustomize), `portage/bashrc`. */
export interface ShimLayout {
  dir: string;
  bin: string;
  python: string;
  bashrc: string;
}

export function shimLayout(dir: string): ShimLayout {
  return { dir, bin: join(dir, 'bin'), python: join(dir, 'python'), bashrc: join(dir, 'portage', 'bashrc') };
}

/** The shims shipped in this package. */
export function packageShims(): ShimLayout {
  return shimLayout(join(packageRoot, 'shims'));
}
