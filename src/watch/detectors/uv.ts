import { join } from 'node:path';
import { byName } from './by-name.js';
import type { Detector } from './context.js';
import { heldLock } from './lock-file.js';

const tempDirs = byName('uv', (name, isDirectory) => isDirectory && /^\.tmp[A-Za-z0-9]{6}$/.test(name));

/** uv flocks `<venv>/.lock` for a whole `uv pip install`, and replaces files through `.tmpXXXXXX` dirs. */
export const uvDetector: Detector = {
  claims: tempDirs.claims!,
  detect: async (context) => {
    const locks = await Promise.all(
      context.venvs.map((venv) => heldLock('uv', join(venv, '.lock'), context)),
    );
    return [...(await tempDirs.detect(context)), ...locks.flat()];
  },
};
