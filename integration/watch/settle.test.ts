import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startMonitor } from '../../src/watch/index.js';
import { tempDir, waitFor } from './helpers.js';

/** An installer stepped by the test: metadata first (the unlucky Portage order), code on demand. */
function steppedInstall(root: string) {
  return {
    metadata() {
      mkdirSync(join(root, 'pbr-6.0.0.egg-info'));
      writeFileSync(join(root, 'pbr-6.0.0.egg-info/top_level.txt'), 'pbr\n');
      writeFileSync(
        join(root, 'pbr-6.0.0.egg-info/entry_points.txt'),
        '[distutils.setup_keywords]\npbr = pbr.core:pbr\n',
      );
    },
    code() {
      mkdirSync(join(root, 'pbr'));
      writeFileSync(join(root, 'pbr/__init__.py'), '');
      writeFileSync(join(root, 'pbr/core.py'), 'def pbr(*a): pass\n');
    },
  };
}

describe('waitForSettled on a real tree', () => {
  test('metadata without code, no installer at work: settled once quiet for the settle time (a broken install)', async () => {
    const root = join(tempDir(), 'site-packages');
    mkdirSync(root);
    steppedInstall(root).metadata();
    const monitor = startMonitor({ roots: [root] });
    const progress: string[] = [];
    try {
      const outcome = await monitor.waitForSettled({
        settleMs: 100,
        maxWaitMs: 60_000,
        implicated: { module: 'pbr' },
        onProgress: (reason) => progress.push(reason),
      });
      expect(outcome).toMatchObject({ settled: true, timedOut: false });
      expect(outcome.waitedMs).toBeLessThan(10_000);
      expect(await monitor.incomplete({ module: 'pbr' })).toMatchObject([{ distribution: 'pbr' }]);
    } finally {
      await monitor.close();
    }
  });

  test('metadata without code keeps it waiting however quiet while an installer shows it is at work', async () => {
    const root = join(tempDir(), 'site-packages');
    mkdirSync(root);
    const install = steppedInstall(root);
    install.metadata();
    // pip writes through temp names: one sits in the root until the code is in.
    writeFileSync(join(root, 'pbr-install.tmp'), '');
    const monitor = startMonitor({ roots: [root] });
    const progress: string[] = [];
    try {
      const waiting = monitor.waitForSettled({
        settleMs: 100,
        maxWaitMs: 60_000,
        implicated: { module: 'pbr' },
        onProgress: (reason) => progress.push(reason),
      });
      await waitFor(
        () => progress.some((p) => p.startsWith('pip merge in progress')),
        'the wait to name the installer at work',
      );
      // Let the tree go quiet for longer than settleMs: the wait must still hold on the installer.
      await waitFor(
        async () => (await monitor.changesSince(Date.now() - 300, 'any')).length === 0,
        'a quiet tree',
      );
      expect(progress.at(-1)).toMatch(/^pip merge in progress/);
      install.code();
      rmSync(join(root, 'pbr-install.tmp'));
      const outcome = await waiting;
      expect(outcome).toMatchObject({ settled: true, timedOut: false });
      expect(progress.at(-1)).toMatch(/^site-packages to be quiet for 100 ms/);
    } finally {
      await monitor.close();
    }
  });

  test('a live merge marker holds the wait; its release ends it', async () => {
    const root = join(tempDir(), 'site-packages');
    mkdirSync(join(root, '.plugin-settle-merge'), { recursive: true });
    writeFileSync(
      join(root, '.plugin-settle-merge/owner.json'),
      JSON.stringify({ pid: process.pid, host: hostname() }),
    );
    const monitor = startMonitor({ roots: [root] });
    const progress: string[] = [];
    try {
      const waiting = monitor.waitForSettled({
        settleMs: 3_600_000,
        maxWaitMs: 60_000,
        implicated: { module: 'pbr' },
        onProgress: (r) => progress.push(r),
      });
      await waitFor(() => progress.length > 0, 'the wait to report the marker');
      expect(progress[0]).toMatch(/^plugin-settle merge in progress/);
      rmSync(join(root, '.plugin-settle-merge'), { recursive: true });
      // settleMs is an hour: only the release rule can end this wait.
      expect(await waiting).toMatchObject({ settled: true, timedOut: false });
    } finally {
      await monitor.close();
    }
  });

  test('an abort rejects', async () => {
    const root = join(tempDir(), 'site-packages');
    mkdirSync(root);
    steppedInstall(root).metadata();
    const monitor = startMonitor({ roots: [root] });
    try {
      const controller = new AbortController();
      const waiting = monitor.waitForSettled({
        settleMs: 50,
        maxWaitMs: 60_000,
        implicated: { module: 'pbr' },
        signal: controller.signal,
        onProgress: () => controller.abort(),
      });
      await expect(waiting).rejects.toThrow(/abort/i);
    } finally {
      await monitor.close();
    }
  });
});
