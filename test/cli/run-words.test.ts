import type { Command } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRunWords } from '../../src/cli/run-words.js';
import { runCommand } from '../../src/commands/run.js';
import { envName, RUN_SETTINGS } from '../../src/config/run-options.js';

interface Parsed {
  command: string;
  args: string[];
  values: Record<string, unknown>;
  sources: Record<string, string | undefined>;
}

/** What commander makes of `run`'s words: the real declaration, its action swapped for a recorder. */
async function byCommander(words: string[], env: NodeJS.ProcessEnv): Promise<Parsed | Error> {
  const saved = process.env;
  process.env = env;
  try {
    let seen: Parsed | undefined;
    const run: Command = runCommand()
      .exitOverride()
      .configureOutput({ writeErr: () => {}, writeOut: () => {} })
      .action((command: string, args: string[], _options: unknown, self: Command) => {
        const sources = Object.fromEntries(
          RUN_SETTINGS.map((s) => [s.key, self.getOptionValueSource(s.key) as string | undefined]),
        );
        seen = { command, args, values: { ...self.opts() }, sources };
      });
    await run.parseAsync(words.slice(1), { from: 'user' });
    return seen ?? new Error('no action');
  } catch (error) {
    return error as Error;
  } finally {
    process.env = saved;
  }
}

function byRunWords(words: string[], env: NodeJS.ProcessEnv): Parsed | null {
  const parsed = parseRunWords(words, env);
  if (!parsed) return null;
  const sources = Object.fromEntries(
    RUN_SETTINGS.map((s) => [s.key, parsed.options.getOptionValueSource(s.key)]),
  );
  return { command: parsed.command, args: parsed.args, values: { ...parsed.options.opts() }, sources };
}

/** Whatever run-words accepts, commander reads the same way; whatever it declines, commander gets. */
async function agree(words: string[], env: NodeJS.ProcessEnv = {}): Promise<boolean> {
  const ours = byRunWords(words, env);
  const theirs = await byCommander(words, env);
  if (ours === null) return false;
  expect(theirs).not.toBeInstanceOf(Error);
  expect(ours).toEqual(theirs);
  return true;
}

describe('run-words reads run as commander does', () => {
  it.each([
    [['run', '--', 'true']],
    [['run', 'python3', 'setup.py', 'build']],
    [['run', '-q', '--retries', '1', '--report', 'r.json', '--', 'python3', '-m', 'build']],
    [['run', '--retries=0', '--no-inprocess', '--hold', '--settle', '2s', 'make', '--help']],
    [['run', '--watch', '/a', '--watch=/b:/c', '-v', '--no-verbose', '--', '--', 'x']],
    [['run', '--python', '--', 'python3']],
    [['run', '--on-retry', 'rm -rf build/', '--evidence', 'any', '--', '']],
    [['run', '-']],
  ])('%j takes the fast path', async (words) => {
    expect(await agree(words)).toBe(true);
  });

  it.each([
    [['run']],
    [['run', '--']],
    [['run', '--help', '--', 'true']],
    [['run', '-h']],
    [['run', '-qv', 'true']],
    [['run', '--quiet=1', 'true']],
    [['run', '--retries', 'x', 'true']],
    [['run', '--retries']],
    [['run', '--bogus', 'true']],
    [['run', '-5', 'true']],
    [['--version']],
    [['status']],
    [['help', 'run']],
  ])('%j is left to commander', (words) => {
    expect(byRunWords(words, {})).toBeNull();
  });

  it('takes value settings from their variables where the command line said nothing', async () => {
    const env = { PLUGIN_SETTLE_RETRIES: '7', PLUGIN_SETTLE_WATCH: '/x:/y', PLUGIN_SETTLE_SETTLE: '1s' };
    expect(await agree(['run', '--settle', '5', '--', 'true'], env)).toBe(true);
    expect(byRunWords(['run', 'true'], { PLUGIN_SETTLE_WINDOW: 'soon' })).toBeNull();
  });

  it('agrees with commander on any words and variables', async () => {
    const words = fc.constantFrom(
      ...RUN_SETTINGS.flatMap((s) => [
        ...s.flags.split(/[ ,]+/).filter((w) => w.startsWith('-')),
        ...(s.opposite ? [s.opposite] : []),
      ]),
      '--',
      '-',
      '',
      '-h',
      '-qv',
      '--retries=2',
      '--settle=3s',
      '--quiet=yes',
      '--=x',
      '--bogus',
      '-5',
      '2',
      '750ms',
      'any',
      'relevant',
      'python3',
      '/a:/b',
      'x y',
    );
    const env = fc.dictionary(
      fc.constantFrom(...RUN_SETTINGS.filter((s) => s.kind !== 'boolean').map((s) => envName(s.key))),
      fc.constantFrom('', '3', '2s', 'any', 'bad', '/p'),
    );
    let fast = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(words, { maxLength: 8 }), env, async (tail, vars) => {
        if (await agree(['run', ...tail], vars)) fast++;
      }),
      { numRuns: 1000 },
    );
    // The property is not vacuous: a good share of the generated lines took the fast path.
    expect(fast).toBeGreaterThan(30);
  });
});
