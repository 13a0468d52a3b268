import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { byName } from './by-name.js';
import type { Detector } from './context.js';
import { heldLock } from './lock-file.js';

const names = byName('dpkg', (name) => /\.dpkg-(?:new|tmp)$/.test(name));

// Debian's python3-* packages install into <prefix>/usr/lib/python3/dist-packages (and the versioned
// python3.N dir); /usr/local, pyenv, venvs and user sites are pip's, never dpkg's.
const DPKG_TREE = /^(.*)\/usr\/lib\/python[0-9.]*\/dist-packages\/?$/;

/**
 * The dpkg admindir that manages `root`, if any: `<prefix>/var/lib/dpkg` beside a Debian layout
 * (`/` for the system, a private `dpkg --root` tree alike), when that admindir exists.
 */
export async function dpkgAdmindirFor(root: string): Promise<string | null> {
  const match = DPKG_TREE.exec(root);
  if (!match) return null;
  const admindir = join(match[1] || '/', 'var/lib/dpkg');
  return (await access(admindir).then(
    () => true,
    () => false,
  ))
    ? admindir
    : null;
}

/**
 * dpkg unpacks to `<name>.dpkg-new`, backs up to `.dpkg-tmp`, and holds an fcntl lock on
 * `<admindir>/lock` while it works. The lock counts only for the trees that admindir manages: an
 * unrelated apt run must not hold a venv's (or pyenv's) answer (issue 15).
 */
export const dpkgDetector: Detector = {
  claims: names.claims!,
  detect: async (context) => {
    const admindirs = new Set(
      (await Promise.all(context.roots.map(dpkgAdmindirFor))).filter((dir) => dir !== null),
    );
    const locks = await Promise.all(
      [...admindirs].map((admindir) => heldLock('dpkg-lock', join(admindir, 'lock'), context)),
    );
    return [...(await names.detect(context)), ...locks.flat()];
  },
};
