import type { ShimLayout } from './layout.js';

/** POSIX-shell single quoting: safe for any path, spaces, quotes and newlines included. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export interface ShimEnvOptions {
  /** Also turn the in-process shim on for every Python started from this shell, wrapper or not. */
  inProcess?: boolean;
}

/**
 * The `export` lines that put the shims in front: PATH for the python shims, PYTHONPATH for the
 * in-process sitecustomize (inert unless PLUGIN_SETTLE_INPROCESS=1, which `plugin-settle run` sets).
 */
export function shimEnvLines(layout: ShimLayout, options: ShimEnvOptions = {}): string[] {
  const lines = [
    `export PATH=${shellQuote(layout.bin)}"\${PATH:+:$PATH}"`,
    `export PYTHONPATH=${shellQuote(layout.python)}"\${PYTHONPATH:+:$PYTHONPATH}"`,
  ];
  if (options.inProcess) lines.push('export PLUGIN_SETTLE_INPROCESS=1');
  return lines;
}
