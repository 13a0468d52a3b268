import type { Monitor } from '../watch/index.js';
import { isPythonName, scriptInterpreter } from '../watch/roots/shebang.js';

/**
 * The interpreter that will really run: `--python`, else the command itself when it is a python,
 * else the python of its `#!` line (`venv/bin/pip` → the venv's python), else python3.
 */
export function pythonFor(command: string, explicit: string | undefined): string {
  if (explicit) return explicit;
  if (isPythonName(command)) return command;
  return scriptInterpreter(command) ?? 'python3';
}

export interface Watching {
  roots: () => Promise<string[]>;
  monitor: () => Promise<Monitor>;
  close: () => Promise<void>;
}

/**
 * Starts the monitor lazily: asking the interpreter for its site-packages and loading the watcher
 * happen only after the child runs, so watching never delays the build.
 */
export function lazyWatching(options: {
  python: string;
  extraRoots: string[];
  staleAfterMs: number;
  onWarning: (message: string) => void;
}): Watching & { start: () => void } {
  let monitor: Promise<Monitor> | undefined;
  let roots: Promise<string[]> | undefined;
  const discover = () => {
    roots ??= (async () => {
      const { discoverRoots } = await import('../watch/index.js');
      const found = await discoverRoots(options.python);
      for (const warning of found.warnings) options.onWarning(warning);
      return [...new Set([...found.roots, ...options.extraRoots])];
    })();
    return roots;
  };
  const start = () => {
    monitor ??= (async () => {
      const [{ startMonitor }, watched] = await Promise.all([import('../watch/index.js'), discover()]);
      return startMonitor({
        roots: watched,
        staleAfterMs: options.staleAfterMs,
        onWarning: options.onWarning,
      });
    })();
    return monitor;
  };
  return {
    start: () => void start().catch(() => {}),
    roots: discover,
    monitor: start,
    close: async () => {
      if (monitor) await (await monitor.catch(() => null))?.close();
    },
  };
}
