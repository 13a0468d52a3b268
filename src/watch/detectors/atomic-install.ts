import { byName } from './by-name.js';

/** atomic-install's `.<6 letters>~<name>.new|.old`, atomic-install-py's `.MERGING-<name>`. */
export const atomicInstallDetector = byName(
  'atomic-install',
  (name) => /^\.[a-z]{6}~.+\.(?:new|old)$/.test(name) || name.startsWith('.MERGING-'),
);
