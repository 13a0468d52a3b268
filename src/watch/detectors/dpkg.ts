import { byName } from './by-name.js';
import type { Detector } from './context.js';
import { heldLock } from './lock-file.js';

const names = byName('dpkg', (name) => /\.dpkg-(?:new|tmp)$/.test(name));

/** dpkg unpacks to `<name>.dpkg-new`, backs up to `.dpkg-tmp`, and holds an fcntl lock on its admindir lock. */
export const dpkgDetector: Detector = {
  claims: names.claims!,
  detect: async (context) => [
    ...(await names.detect(context)),
    ...(context.systemRoots.length > 0 ? await heldLock('dpkg-lock', '/var/lib/dpkg/lock', context) : []),
  ],
};
