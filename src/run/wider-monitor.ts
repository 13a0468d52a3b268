import type { Monitor } from '../watch/index.js';

/**
 * Monitors over the main roots plus those a failing interpreter reported from inside the build (a
 * venv's pip, an isolated build's interpreter). Started when a failure names them: the monitor's
 * timestamp scan sees what changed before it began, so starting late loses no evidence.
 */
export function widerMonitors(
  main: () => Promise<Monitor>,
  options: { staleAfterMs: number; onWarning: (message: string) => void },
): { monitorWith: (roots: string[]) => Promise<Monitor>; close: () => Promise<void> } {
  const started = new Map<string, Promise<Monitor>>();
  return {
    async monitorWith(extra) {
      const base = await main();
      const roots = [...new Set([...base.roots, ...extra])];
      const key = roots.join('\0');
      let monitor = started.get(key);
      if (!monitor) {
        monitor = import('../watch/index.js').then(({ startMonitor }) =>
          startMonitor({ roots, staleAfterMs: options.staleAfterMs, onWarning: options.onWarning }),
        );
        started.set(key, monitor);
      }
      return monitor;
    },
    async close() {
      await Promise.all(
        [...started.values()].map(async (monitor) => (await monitor.catch(() => null))?.close()),
      );
    },
  };
}
