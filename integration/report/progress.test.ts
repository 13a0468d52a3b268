import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli, waitFor } from '../cli.js';
import { tempDirs } from '../support/temp.js';
import { type FakeRace, makeFakeRace } from './fake-race.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

const NOT_CI = { GITHUB_ACTIONS: '', GITLAB_CI: '' };
const SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** A child whose combined output we watch as it comes. */
function watch(child: ChildProcess) {
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    output: () => output,
    exited,
    async until(what: string, pattern: RegExp, timeoutMs = 30_000) {
      try {
        await waitFor(what, () => pattern.test(output) || undefined, timeoutMs);
      } catch (error) {
        throw new Error(`${(error as Error).message}; output so far: ${JSON.stringify(output)}`);
      }
    },
  };
}

/** A race whose merge marker stays until the test says: the wait lasts exactly as long as needed. */
async function heldRace(): Promise<FakeRace> {
  return makeFakeRace(await temp.make('progress'), { passOn: 2, holdMerge: true });
}

describe('progress in a log: stderr is a pipe', () => {
  it('plain lines: the reason, a heartbeat every 5 s with elapsed and bound, then settled; no escapes', async () => {
    const race = await heldRace();
    const env: NodeJS.ProcessEnv = { ...process.env, ...NOT_CI, NO_COLOR: '' };
    delete env.FORCE_COLOR;
    const wrapper = spawn(process.execPath, [CLI, 'run', ...race.args, '--', ...race.command], {
      cwd: race.dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const session = watch(wrapper);
    const waiting = `plugin-settle: waiting for plugin-settle merge in progress (${race.marker})`;
    await session.until('the waiting line', new RegExp(`^${escapeRegExp(waiting)}$`, 'm'));
    await session.until(
      'the 5 s heartbeat',
      new RegExp(`^${escapeRegExp(waiting)} \\(5 s, at most 120 s\\)$`, 'm'),
      20_000,
    );
    await race.releaseMerge();
    expect(await session.exited, session.output()).toBe(0);
    const output = session.output();
    expect(output).toMatch(/^plugin-settle: settled after \d+\.\d s; running attempt 2$/m);
    expect(output).toMatch(
      /^plugin-settle: succeeded on attempt 2 after a plugin merge race \(waited \d+\.\d s\)$/m,
    );
    expect(output).not.toMatch(/[\r\x1b]/);
  });

  it('--quiet: only the build and the final line of the retried run', async () => {
    const race = await makeFakeRace(await temp.make('progress'), { passOn: 2 });
    const result = await runCli(['run', '--quiet', ...race.args, '--', ...race.command], {
      cwd: race.dir,
      env: NOT_CI,
    });
    expect(result.code).toBe(0);
    const ours = result.stderr.split('\n').filter((line) => line.startsWith('plugin-settle:'));
    expect(ours).toEqual([
      expect.stringMatching(/^plugin-settle: succeeded on attempt 2 after a plugin merge race/),
    ]);
  });

  it('--verbose: every decision with its evidence', async () => {
    const race = await makeFakeRace(await temp.make('progress'), { passOn: 2 });
    const result = await runCli(['run', '--verbose', ...race.args, '--', ...race.command], {
      cwd: race.dir,
      env: NOT_CI,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^plugin-settle: attempt 1: missing-module/m);
    expect(result.stderr).toMatch(
      /^plugin-settle: attempt 1: decided retry: ModuleNotFoundError: No module named 'pbr' while /m,
    );
    expect(result.stderr).toMatch(/^plugin-settle: attempt 1: evidence: \w+ .*pbr\.py \((journal|scan)\)$/m);
  });
});

describe.skipIf(!SCRIPT)(
  'progress on a terminal: a session recorded with script(1) (skipped when util-linux script is not installed)',
  () => {
    it('one live line redrawn in place (cyan), what it waits for, elapsed and bound; cleared when settled', async () => {
      const race = await heldRace();
      const env: NodeJS.ProcessEnv = { ...process.env, ...NOT_CI, TERM: 'xterm' };
      delete env.FORCE_COLOR;
      delete env.NO_COLOR;
      const command = terminalCommand(race);
      // -q quiet, -f flush as it comes, -e the command's exit status; the typescript goes nowhere.
      const recorder = spawn('script', ['-qfec', command, '/dev/null'], {
        cwd: race.dir,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const session = watch(recorder);
      const live = `\r\x1b[2K\x1b[36mplugin-settle: waiting for plugin-settle merge in progress (`;
      await session.until('the live line', new RegExp(escapeRegExp(live)));
      await session.until('the live line redrawn a second later', /\(1 s, at most 120 s\)\x1b\[39m/);
      await race.releaseMerge();
      expect(await session.exited, session.output()).toBe(0);
      recorder.stdin?.end();
      const output = session.output();
      // The status was redrawn in place, never printed as its own line.
      expect(output).toMatch(/\(0 s, at most 120 s\)\x1b\[39m\r\x1b\[2K\x1b\[36mplugin-settle: waiting for/);
      expect(output).not.toMatch(/waiting for[^\r]*\n/);
      // Cleared, then the settled line, dimmed prefix first.
      expect(output).toMatch(
        /\r\x1b\[2K\x1b\[2mplugin-settle: \x1b\[22msettled after \d+\.\d s; running attempt 2\r\n/,
      );
      expect(output).toContain('build attempt 2');
    });

    it('NO_COLOR keeps the live line but drops the colours', async () => {
      const race = await heldRace();
      const env: NodeJS.ProcessEnv = { ...process.env, ...NOT_CI, NO_COLOR: '1', TERM: 'xterm' };
      delete env.FORCE_COLOR;
      const command = terminalCommand(race);
      const recorder = spawn('script', ['-qfec', command, '/dev/null'], {
        cwd: race.dir,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const session = watch(recorder);
      await session.until(
        'the live line',
        /\r\x1b\[2Kplugin-settle: waiting for plugin-settle merge in progress \(/,
      );
      await race.releaseMerge();
      expect(await session.exited, session.output()).toBe(0);
      recorder.stdin?.end();
      expect(session.output()).not.toMatch(/\x1b\[(2|22|36|39)m/);
    });
  },
);

/** The wrapper on a 200-column terminal: script(1)'s pseudo-terminal has no size of its own. */
function terminalCommand(race: FakeRace): string {
  const argv = [process.execPath, CLI, 'run', ...race.args, '--', ...race.command];
  return `stty cols 200 rows 50; exec ${argv.map(shellQuote).join(' ')}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}
