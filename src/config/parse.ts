// Value parsers shared by the CLI, the environment overrides and config files, so a value is
// judged the same wherever it came from.

/**
 * A value the parser rejects. It carries commander's `InvalidArgumentError` code and exit code, which
 * is all commander looks at to print `option '…' argument '…' is invalid. <message>`, without
 * importing commander: `run`'s start-up parses its words without it (src/cli/run-words.ts).
 */
export class InvalidArgumentError extends Error {
  readonly code = 'commander.invalidArgument';
  readonly exitCode = 1;
  override name = 'InvalidArgumentError';
}

export function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value.trim()))
    throw new InvalidArgumentError(`expected a whole number ≥ 0, got '${value}'`);
  return Number(value);
}

/** Milliseconds: `750`, `750ms`, `2s`, `1.5s`. */
export function durationMs(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/.exec(value.trim());
  if (!match)
    throw new InvalidArgumentError(`expected a duration in ms (e.g. 750, 750ms or 2s), got '${value}'`);
  const amount = Number(match[1]);
  return Math.round(match[2] === 's' ? amount * 1000 : amount);
}

export function oneOf<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}, got '${value}'`);
  };
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off', ''];

export function booleanValue(value: string): boolean {
  const normal = value.trim().toLowerCase();
  if (TRUE.includes(normal)) return true;
  if (FALSE.includes(normal)) return false;
  throw new InvalidArgumentError(`expected 1/0, true/false, yes/no or on/off, got '${value}'`);
}

/** Repeatable path options collect; one value may hold several paths joined by the OS delimiter. */
export function collectPaths(value: string, previous: string[] | undefined): string[] {
  const delimiter = process.platform === 'win32' ? ';' : ':';
  return [...(previous ?? []), ...value.split(delimiter).filter(Boolean)];
}
