import { byName } from './by-name.js';

/**
 * pip stashes what it uninstalls as `~xx` directories beside the original (no valid package name
 * starts with `~`), and writes INSTALLER/RECORD through `<name><random>.tmp` files.
 */
export const pipDetector = byName('pip', (name, isDirectory) =>
  isDirectory ? /^~./.test(name) : name.endsWith('.tmp') && !name.startsWith('.plugin-settle-'),
);
