import { byName } from './by-name.js';
import type { Detector } from './context.js';
import { heldLock } from './lock-file.js';

const names = byName('rpm', (name) => /;[0-9a-f]{8}$/.test(name));

/** rpm unpacks every file as `<path>;<transaction id in hex>` before renaming them all. */
export const rpmDetector: Detector = {
  claims: names.claims!,
  detect: async (context) => [
    ...(await names.detect(context)),
    ...(context.systemRoots.length > 0 ? await heldLock('rpm', '/var/lib/rpm/.rpm.lock', context) : []),
  ],
};
