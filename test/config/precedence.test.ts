import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addRunOptions } from '../../src/commands/run.js';
import { applySettings } from '../../src/config/apply.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ps-precedence-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

/** Parses like the CLI does: commander reads flags and value variables, then applySettings adds the rest. */
async function settle(layers: { cli?: string[]; env?: Record<string, string>; file?: object }) {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(layers.file ?? {}));
  const env = { PLUGIN_SETTLE_CONFIG: file, ...layers.env };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const command = addRunOptions(new Command('run')).exitOverride();
  command.parse(layers.cli ?? [], { from: 'user' });
  const applied = await applySettings(command, dir, { ...process.env, ...env });
  return { values: command.opts(), sources: applied.sources, file };
}

// Each row: which layers set the setting; the highest present must win, CLI > env > file > default.
const LAYERS = ['cli', 'env', 'file'] as const;
const combinations = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) => LAYERS.filter((_, i) => bits & (1 << i)));

describe('precedence CLI > env > file > default', () => {
  it.each(combinations.map((set) => [set.join('+') || 'nothing', set]))(
    'a value option set by %s',
    async (_name, set) => {
      const { values, sources, file } = await settle({
        ...(set.includes('cli') ? { cli: ['--settle', '100'] } : {}),
        ...(set.includes('env') ? { env: { PLUGIN_SETTLE_SETTLE: '200' } } : {}),
        ...(set.includes('file') ? { file: { settle: '0.3s' } } : {}),
      });
      const winner = set[0] ?? 'default';
      expect(values.settle).toBe({ cli: 100, env: 200, file: 300, default: 750 }[winner]);
      expect(sources.settle).toEqual(
        {
          cli: { from: 'cli' },
          env: { from: 'env', variable: 'PLUGIN_SETTLE_SETTLE' },
          file: { from: 'file', file },
          default: { from: 'default' },
        }[winner],
      );
    },
  );

  it.each(combinations.map((set) => [set.join('+') || 'nothing', set]))(
    'a flag set by %s (env and file say the opposite of the layer below)',
    async (_name, set) => {
      // CLI can only turn --hold on; env turns it off over a file that turns it on.
      const { values, sources } = await settle({
        ...(set.includes('cli') ? { cli: ['--hold'] } : {}),
        ...(set.includes('env') ? { env: { PLUGIN_SETTLE_HOLD: set.includes('file') ? '0' : 'yes' } } : {}),
        ...(set.includes('file') ? { file: { hold: true } } : {}),
      });
      const winner = set[0] ?? 'default';
      const expected = winner === 'cli' ? true : winner === 'env' ? !set.includes('file') : winner === 'file';
      expect(values.hold).toBe(expected);
      expect(sources.hold.from).toBe(winner);
    },
  );

  it('a file list is replaced, not extended, by --watch on the command line', async () => {
    const { values } = await settle({ cli: ['--watch', '/cli'], file: { watch: ['/file'] } });
    expect(values.watch).toEqual(['/cli']);
  });

  it('--no-inprocess on the command line beats inprocess: true in a file', async () => {
    const { values, sources } = await settle({ cli: ['--no-inprocess'], file: { inprocess: true } });
    expect(values.inprocess).toBe(false);
    expect(sources.inprocess).toEqual({ from: 'cli' });
  });

  it.each([
    ['--no-hold', 'hold', { hold: true }, { PLUGIN_SETTLE_HOLD: '1' }, false],
    ['--inprocess', 'inprocess', { inprocess: false }, { PLUGIN_SETTLE_INPROCESS: 'off' }, true],
    ['--no-quiet', 'quiet', { quiet: true }, { PLUGIN_SETTLE_QUIET: 'yes' }, false],
    ['--no-verbose', 'verbose', { verbose: true }, { PLUGIN_SETTLE_VERBOSE: 'on' }, false],
  ] as const)(
    '%s on the command line undoes the variable and the file',
    async (flag, key, file, env, expected) => {
      const { values, sources } = await settle({ cli: [flag], env, file });
      expect(values[key]).toBe(expected);
      expect(sources[key]).toEqual({ from: 'cli' });
    },
  );

  it('a bad flag variable is one usage error naming it', async () => {
    await expect(settle({ env: { PLUGIN_SETTLE_QUIET: 'maybe' } })).rejects.toThrow(
      /^PLUGIN_SETTLE_QUIET: expected 1\/0, true\/false, yes\/no or on\/off, got 'maybe'$/,
    );
  });
});
