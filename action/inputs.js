// The action's inputs as `plugin-settle run` flags. GitHub hands a JavaScript action its inputs as
// INPUT_<NAME> (upper-cased, spaces to `_`, dashes kept); action.yml passes them on by the same names
// with dashes as `_`, since a composite step's env cannot be read back by a shell otherwise. Both work.

/** Value options: input name → flag. An empty input is not given: env and config files still apply. */
const VALUE_FLAGS = {
  retries: '--retries',
  settle: '--settle',
  'max-wait': '--max-wait',
  window: '--window',
  python: '--python',
  report: '--report',
  'on-retry': '--on-retry',
};

export class InputError extends Error {}

export function input(env, name) {
  const upper = name.toUpperCase().replaceAll(' ', '_');
  return (env[`INPUT_${upper}`] ?? env[`INPUT_${upper.replaceAll('-', '_')}`] ?? '').trim();
}

/** `run` arguments before `--`; the report file is always set, since the outputs are read from it. */
export function runFlags(env, defaultReport) {
  const flags = [];
  for (const [name, flag] of Object.entries(VALUE_FLAGS)) {
    const value = input(env, name);
    if (name === 'report' && value === '-')
      throw new InputError('report: the action reads its outputs from the report, so it must be a file');
    if (value) flags.push(flag, value);
  }
  if (!input(env, 'report')) flags.push('--report', defaultReport);
  // One path a line, as multi-line inputs are written.
  for (const dir of input(env, 'watch').split('\n')) if (dir.trim()) flags.push('--watch', dir.trim());
  const inprocess = input(env, 'inprocess').toLowerCase();
  if (inprocess === 'true') flags.push('--inprocess');
  else if (inprocess === 'false') flags.push('--no-inprocess');
  else if (inprocess) throw new InputError(`inprocess: expected true or false, got '${inprocess}'`);
  return flags;
}

/** The command runs as a `run:` step's script does: bash, stopping at the first failure. */
export function commandArgv(env) {
  const command = input(env, 'command');
  if (!command) throw new InputError('command: required, e.g. `python -m build`');
  return ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c', command];
}
