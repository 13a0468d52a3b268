import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WATCHDOG_NAME } from '../../src/run/watchdog.js';
import { CLI, waitFor } from '../cli.js';

/** Dead, or a zombie nobody has reaped yet (containers often lack an init that reaps). */
async function isGone(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

describe('run: signals reach the whole process group', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ps-signals-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** `run -- sh -c 'sleep 60 & …; wait'`, once the background sleep has written its pid. */
  async function wrappedSleep(name: string) {
    const pidFile = join(dir, `${name}.pid`);
    const wrapper = spawn(
      process.execPath,
      [CLI, 'run', '--', 'sh', '-c', `sleep 60 & echo $! > ${pidFile}; wait`],
      {
        stdio: 'ignore',
      },
    );
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      wrapper.on('exit', (code) => resolve({ code, at: Date.now() })),
    );
    const sleepPid = Number(
      await waitFor(
        'the grandchild to write its pid',
        async () => (await readFile(pidFile, 'utf8').catch(() => '')).trim() || undefined,
      ),
    );
    return { wrapper, exited, sleepPid };
  }

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)('%s: the wrapper exits %i quickly and no grandchild survives', async (signal, status) => {
    // The grandchild is a background job: under a non-interactive sh it even ignores SIGINT.
    const { wrapper, exited, sleepPid } = await wrappedSleep(signal);
    const sentAt = Date.now();
    wrapper.kill(signal);
    const { code, at } = await exited;
    expect(code).toBe(status);
    // Far below the 60 s the grandchild would take: it catches a wrapper that waits for the job, and
    // leaves a loaded machine room (SIGINT takes the 1 s --kill-after grace: sh's job ignores it).
    expect(at - sentAt).toBeLessThan(10_000);
    await waitFor(`sleep ${sleepPid} to be gone`, async () => (await isGone(sleepPid)) || undefined, 2000);
  });

  it('a second SIGINT kills at once a child that ignores the first', async () => {
    const ready = join(dir, 'ready');
    const wrapper = spawn(
      process.execPath,
      [
        CLI,
        'run',
        '--kill-after',
        '60s',
        '--',
        'sh',
        '-c',
        `trap '' INT; touch ${ready}; while :; do sleep 0.05; done`,
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((resolve) => wrapper.on('exit', (code) => resolve(code)));
    await waitFor(
      'the child to ignore SIGINT',
      async () =>
        await readFile(ready)
          .then(() => true)
          .catch(() => undefined),
    );
    wrapper.kill('SIGINT');
    // The first SIGINT is ignored by the child: the wrapper must still be waiting for it.
    const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r('running'), 300))]);
    expect(early).toBe('running');
    wrapper.kill('SIGINT');
    // Killed by our SIGKILL on the user's behalf: the status says what the user did, Ctrl-C.
    expect(await exited).toBe(130);
  });

  /** The wrapper's guard for this process group: its pid, once it runs. */
  async function guardOf(pgid: number): Promise<number | undefined> {
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const argv = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
      if (argv.includes(WATCHDOG_NAME) && argv.includes(String(pgid))) return Number(entry);
    }
    return undefined;
  }

  /** The guard of the group the grandchild `pid` belongs to, once the wrapper has started it. */
  async function guardOfGroup(pid: number): Promise<number> {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    return waitFor('the wrapper to start its guard', () => guardOf(pgid), 5000);
  }

  it('a wrapper killed with SIGKILL takes the build with it (its guard ends the group)', async () => {
    // Without the guard, nothing ends the build: the wrapper's SIGKILL runs no handler of ours.
    const unguarded = await wrappedSleep('unguarded');
    const firstGuard = await guardOfGroup(unguarded.sleepPid);
    process.kill(firstGuard, 'SIGKILL');
    await waitFor('the guard to die', async () => (await isGone(firstGuard)) || undefined, 5000);
    unguarded.wrapper.kill('SIGKILL');
    await unguarded.exited;
    const survived = !(await isGone(unguarded.sleepPid));
    if (survived) process.kill(unguarded.sleepPid, 'SIGKILL');
    expect(survived).toBe(true);

    const guarded = await wrappedSleep('guarded');
    const guard = await guardOfGroup(guarded.sleepPid);
    guarded.wrapper.kill('SIGKILL');
    await guarded.exited;
    await waitFor(
      `sleep ${guarded.sleepPid} to be gone`,
      async () => (await isGone(guarded.sleepPid)) || undefined,
      5000,
    );
    await waitFor('the guard to exit', async () => (await isGone(guard)) || undefined, 5000);
  });

  it('a build that ends releases its guard without touching the group', async () => {
    const pidFile = join(dir, 'released.pid');
    const go = join(dir, 'released.go');
    // The build ends when the test has seen the guard, not after a fixed time a loaded machine can miss.
    const build = `echo $$ > ${pidFile}; while [ ! -e ${go} ]; do sleep 0.05; done`;
    const wrapper = spawn(process.execPath, [CLI, 'run', '--no-inprocess', '--', 'sh', '-c', build], {
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => wrapper.on('exit', resolve));
    const pgid = Number(
      await waitFor(
        'the child to write its pid',
        async () => (await readFile(pidFile, 'utf8').catch(() => '')).trim() || undefined,
      ),
    );
    const guard = await waitFor('the wrapper to start its guard', () => guardOf(pgid), 20_000);
    await writeFile(go, '');
    expect(await exited).toBe(0);
    await waitFor('the released guard to exit', async () => (await isGone(guard)) || undefined, 5000);
  });
});
