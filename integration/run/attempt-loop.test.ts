import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decide } from '../../src/index.js';

// The built library, as a user of the package imports it.
const { supervise } = (await import(
  new URL('../../dist/index.js', import.meta.url).href
)) as typeof import('../../src/index.js');

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });

describe('run: the attempt loop with an injected decision, on real processes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ps-loop-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** A child that counts its runs in a file and fails until run `passOn`. */
  const counting = (file: string, passOn: number) => [
    '-c',
    `n=$(( $(cat ${file} 2>/dev/null || echo 0) + 1 )); echo $n > ${file}; echo "attempt $n"; [ $n -ge ${passOn} ]`,
  ];
  const base = {
    command: 'sh',
    windowMs: 5000,
    settleMs: 750,
    maxWaitMs: 1000,
    inProcess: false,
    stdout: sink(),
    stderr: sink(),
  };

  it('retries until the child passes, reporting each attempt and what the decision saw', async () => {
    const file = join(dir, 'passes-on-3');
    const seen: string[] = [];
    const decide: Decide = async ({ attempt }) => {
      seen.push(attempt.tail.toString().trim());
      return { action: 'retry', reason: `exit ${attempt.exitCode}` };
    };
    const report = await supervise({ ...base, args: counting(file, 3), retries: 5, decide });
    expect(report.result).toBe('succeeded');
    expect(report.exitCode).toBe(0);
    expect(report.attempts.map((a) => [a.n, a.exitCode, a.decision?.action])).toEqual([
      [1, 1, 'retry'],
      [2, 1, 'retry'],
      [3, 0, undefined],
    ]);
    expect(seen).toEqual(['attempt 1', 'attempt 2']);
    expect(await readFile(file, 'utf8')).toBe('3\n');
  });

  it('runs exactly retries + 1 times, then gives up with the last status', async () => {
    const file = join(dir, 'never-passes');
    const decide: Decide = async () => ({ action: 'retry', reason: 'race' });
    const report = await supervise({ ...base, args: counting(file, 99), retries: 2, decide });
    expect(report).toMatchObject({ result: 'gave-up', exitCode: 1 });
    expect(report.attempts).toHaveLength(3);
    expect(await readFile(file, 'utf8')).toBe('3\n');
  });

  it('a fail decision ends the run after one attempt, with its result and reason', async () => {
    const file = join(dir, 'fails-fast');
    const decide: Decide = async () => ({ action: 'fail', result: 'not-a-race', reason: 'nothing moved' });
    const report = await supervise({ ...base, args: counting(file, 99), retries: 3, decide });
    expect(report).toMatchObject({ result: 'not-a-race', reason: 'nothing moved', exitCode: 1 });
    expect(report.attempts).toHaveLength(1);
  });
});
