export interface Paint {
  enabled: boolean;
  dim: (text: string) => string;
  cyan: (text: string) => string;
  yellow: (text: string) => string;
  red: (text: string) => string;
  green: (text: string) => string;
}

/**
 * Colour on our stderr: FORCE_COLOR decides when set (`0`/`false` off, anything else on), else a
 * non-empty NO_COLOR turns it off (no-color.org), else only a terminal that is not `dumb` gets it.
 */
export function colourFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

export function paint(enabled: boolean): Paint {
  const sgr = (open: number, close: number) => (text: string) =>
    enabled ? `\x1b[${open}m${text}\x1b[${close}m` : text;
  return {
    enabled,
    dim: sgr(2, 22),
    cyan: sgr(36, 39),
    yellow: sgr(33, 39),
    red: sgr(31, 39),
    green: sgr(32, 39),
  };
}
