import { delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHIM_PYTHON_DIR = fileURLToPath(new URL('../../shims/python', import.meta.url));

/**
 * The environment `plugin-settle run` gives its child, set by hand: the in-process shim without the wrapper.
 * PYTHONPATH is replaced, not extended, so the machine's own setting cannot leak into a comparison.
 */
export function shimEnv(
  roots: string[],
  eventsFile: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PYTHONPATH: SHIM_PYTHON_DIR,
    PLUGIN_SETTLE_INPROCESS: '1',
    PLUGIN_SETTLE_ROOTS: roots.join(delimiter),
    PLUGIN_SETTLE_EVENTS: eventsFile,
    PLUGIN_SETTLE_PORTAGE_VDB: '/nonexistent/var/db/pkg',
    ...extra,
  };
}

/** The same process without the shim. */
export const plainEnv: Record<string, string> = { PYTHONPATH: '', PLUGIN_SETTLE_INPROCESS: '' };
