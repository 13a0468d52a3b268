import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { colourFor } from '../../src/report/colour.js';
import { createProgress } from '../../src/report/progress.js';

function stream(isTTY: boolean, columns = 100) {
  const chunks: string[] = [];
  return {
    chunks,
    text: () => chunks.join(''),
    sink: {
      isTTY,
      columns,
      write: (chunk: string) => chunks.push(chunk) > 0,
    } as unknown as NodeJS.WritableStream & {
      isTTY: boolean;
      columns: number;
    },
  };
}

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

describe('progress in a log (stderr not a terminal)', () => {
  it('a plain line per new reason, then one every 5 s with the elapsed time and the bound', () => {
    const out = stream(false);
    const progress = createProgress({ quiet: false, verbose: false, stderr: out.sink, env: {} });
    progress.waitStarted(120_000);
    progress.waiting('pip merge in progress (/sp/~br)');
    vi.advanceTimersByTime(4999);
    progress.waiting('pbr to be complete (missing pbr/core.py)');
    vi.advanceTimersByTime(5001);
    progress.waitEnded({ waitedMs: 10_000, proceed: true, next: 2 });
    vi.advanceTimersByTime(20_000);
    expect(out.text()).toBe(
      [
        'plugin-settle: waiting for pip merge in progress (/sp/~br)',
        'plugin-settle: waiting for pbr to be complete (missing pbr/core.py)',
        'plugin-settle: waiting for pbr to be complete (missing pbr/core.py) (5 s, at most 120 s)',
        'plugin-settle: waiting for pbr to be complete (missing pbr/core.py) (10 s, at most 120 s)',
        'plugin-settle: settled after 10.0 s; running attempt 2',
        '',
      ].join('\n'),
    );
  });

  it('a line per turn of the wait, not per file: new words of the same kind wait for the heartbeat', () => {
    const out = stream(false);
    const progress = createProgress({ quiet: false, verbose: false, stderr: out.sink, env: {} });
    progress.waitStarted(120_000);
    progress.waiting('quiet (3 changes in the last second, the last /sp/a)', 'quiet');
    progress.waiting('quiet (5 changes in the last second, the last /sp/b)', 'quiet');
    progress.waiting('quiet (9 changes in the last second, the last /sp/c)', 'quiet');
    vi.advanceTimersByTime(5000);
    progress.waiting('pbr to be complete (missing pbr/core.py)', 'complete pbr');
    progress.waitEnded({ waitedMs: 5_000, proceed: true, next: 2 });
    expect(out.text()).toBe(
      [
        'plugin-settle: waiting for quiet (3 changes in the last second, the last /sp/a)',
        'plugin-settle: waiting for quiet (9 changes in the last second, the last /sp/c) (5 s, at most 120 s)',
        'plugin-settle: waiting for pbr to be complete (missing pbr/core.py)',
        'plugin-settle: settled after 5.0 s; running attempt 2',
        '',
      ].join('\n'),
    );
  });

  it('--quiet says nothing while waiting but still prints the final line', () => {
    const out = stream(false);
    const progress = createProgress({ quiet: true, verbose: false, stderr: out.sink, env: {} });
    progress.warn('something odd');
    progress.waitStarted(1000);
    progress.waiting('x');
    vi.advanceTimersByTime(10_000);
    progress.waitEnded({ waitedMs: 1, proceed: true, next: 2 });
    progress.verbose('detail');
    progress.always('succeeded on attempt 2');
    expect(out.text()).toBe('plugin-settle: succeeded on attempt 2\n');
  });

  it('--verbose prints details and warnings', () => {
    const out = stream(false);
    const progress = createProgress({ quiet: false, verbose: true, stderr: out.sink, env: {} });
    progress.verbose('attempt 1: decided retry');
    progress.warn('odd');
    expect(out.text()).toBe('plugin-settle: attempt 1: decided retry\nplugin-settle: warning: odd\n');
  });
});

describe('progress on a terminal', () => {
  it('one live line redrawn in place every second, gone when the wait ends', () => {
    const out = stream(true, 80);
    const progress = createProgress({
      quiet: false,
      verbose: false,
      stderr: out.sink,
      env: { NO_COLOR: '1' },
    });
    progress.waitStarted(120_000);
    progress.waiting('site-packages to be quiet');
    vi.advanceTimersByTime(2000);
    progress.waitEnded({ waitedMs: 2000, proceed: true, next: 2 });
    expect(out.chunks).toEqual([
      '\r\x1b[2Kplugin-settle: waiting for site-packages to be quiet (0 s, at most 120 s)',
      '\r\x1b[2Kplugin-settle: waiting for site-packages to be quiet (1 s, at most 120 s)',
      '\r\x1b[2Kplugin-settle: waiting for site-packages to be quiet (2 s, at most 120 s)',
      '\r\x1b[2K',
      'plugin-settle: settled after 2.0 s; running attempt 2\n',
    ]);
  });

  it('cuts the reason, not the timing, to fit the width', () => {
    const out = stream(true, 60);
    const progress = createProgress({
      quiet: false,
      verbose: false,
      stderr: out.sink,
      env: { NO_COLOR: '1' },
    });
    progress.waitStarted(120_000);
    progress.waiting(`site-packages to be quiet for 750 ms (last change: /${'x'.repeat(100)})`);
    const line = out.chunks[0]!.replace('\r\x1b[2K', '');
    expect(line.length).toBe(59);
    expect(line).toMatch(/^plugin-settle: waiting for site-packa… \(0 s, at most 120 s\)$/);
    progress.done();
  });

  it('a warning during the wait clears the live line, prints, and redraws it', () => {
    const out = stream(true);
    const progress = createProgress({
      quiet: false,
      verbose: false,
      stderr: out.sink,
      env: { NO_COLOR: '1' },
    });
    progress.waitStarted(10_000);
    progress.waiting('x');
    progress.warn('w');
    progress.done();
    expect(out.chunks).toEqual([
      '\r\x1b[2Kplugin-settle: waiting for x (0 s, at most 10 s)',
      '\r\x1b[2K',
      'plugin-settle: warning: w\n',
      '\r\x1b[2Kplugin-settle: waiting for x (0 s, at most 10 s)',
      '\r\x1b[2K',
    ]);
  });

  it('colours the live line cyan when colour is on', () => {
    const out = stream(true);
    const progress = createProgress({ quiet: false, verbose: false, stderr: out.sink, env: {} });
    progress.waitStarted(10_000);
    progress.waiting('x');
    progress.done();
    expect(out.chunks[0]).toBe('\r\x1b[2K\x1b[36mplugin-settle: waiting for x (0 s, at most 10 s)\x1b[39m');
  });
});

describe('colourFor', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [true, { TERM: 'dumb' }, false],
    [false, { FORCE_COLOR: '1' }, true],
    [false, { FORCE_COLOR: '' }, true],
    [true, { FORCE_COLOR: '0' }, false],
    [true, { FORCE_COLOR: 'false' }, false],
    [false, { FORCE_COLOR: '3', NO_COLOR: '1' }, true],
  ] as const)('TTY %s, env %j: %s', (isTTY, env, expected) => {
    expect(colourFor({ isTTY }, env)).toBe(expected);
  });
});
