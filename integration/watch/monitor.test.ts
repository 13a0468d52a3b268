import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ChokidarOptions, watch } from 'chokidar';
import { describe, expect, test } from 'vitest';
import { startMonitor } from '../../src/watch/index.js';
import { tempDir, waitFor } from './helpers.js';

const pbr = { module: 'pbr', distribution: 'pbr' };

function sitePackages() {
  const root = join(tempDir(), 'site-packages');
  mkdirSync(join(root, 'six-1.16.0.dist-info'), { recursive: true });
  writeFileSync(join(root, 'six.py'), 'x');
  return root;
}

describe.each(['chokidar', 'fs-watch'] as const)('monitor on a real tree, journal from %s', (backend) => {
  test('changes made before the watcher was ready are found by the timestamp scan', async () => {
    const root = sitePackages();
    const since = Date.now() - 1;
    mkdirSync(join(root, 'pbr'));
    writeFileSync(join(root, 'pbr', '__init__.py'), '');
    const monitor = startMonitor({ roots: [root], watch: backend });
    try {
      // Not awaiting `ready` on purpose: nothing a build needs may wait for the watcher.
      const changes = await monitor.changesSince(since, pbr);
      expect(changes.map((c) => c.path)).toEqual(
        expect.arrayContaining([join(root, 'pbr'), join(root, 'pbr', '__init__.py')]),
      );
      expect(changes.every((c) => c.source === 'scan')).toBe(true);
    } finally {
      await monitor.close();
    }
  });

  test('the journal sees top-level events; irrelevant ones are filtered out', async () => {
    const root = sitePackages();
    const monitor = startMonitor({ roots: [root], watch: backend });
    try {
      await monitor.ready;
      const since = Date.now();
      writeFileSync(join(root, 'pbr.py'), 'x');
      writeFileSync(join(root, 'unrelated.py'), 'x');
      const seen = await waitFor(async () => {
        const changes = await monitor.changesSince(since, 'any');
        return changes.some((c) => c.source === 'journal' && c.path.endsWith('unrelated.py')) && changes;
      }, 'the journal to report unrelated.py');
      expect(
        seen.some((c) => c.source === 'journal' && c.kind === 'add' && c.path === join(root, 'pbr.py')),
      ).toBe(true);
      const relevant = await monitor.changesSince(since, pbr);
      expect(relevant.map((c) => c.path)).not.toContain(join(root, 'unrelated.py'));
      expect(relevant.some((c) => c.path === join(root, 'pbr.py'))).toBe(true);
    } finally {
      await monitor.close();
    }
  });

  test('a rename-based merge of a whole package directory: unlink + add in the journal', async () => {
    const root = sitePackages();
    const stage = join(root, '.plugin-settle-stage.x1');
    mkdirSync(join(root, 'pbr'));
    mkdirSync(join(stage, 'pbr'), { recursive: true });
    writeFileSync(join(stage, 'pbr', '__init__.py'), 'new');
    const monitor = startMonitor({ roots: [root], watch: backend });
    try {
      await monitor.ready;
      const since = Date.now();
      const kindsOf = async (path: string) =>
        (await monitor.changesSince(since, 'any'))
          .filter((c) => c.source === 'journal' && c.path === path)
          .map((c) => c.kind);
      renameSync(join(root, 'pbr'), join(root, '~br'));
      await waitFor(async () => (await kindsOf(join(root, 'pbr'))).includes('unlinkDir'), 'unlinkDir of pbr');
      renameSync(join(stage, 'pbr'), join(root, 'pbr'));
      await waitFor(async () => (await kindsOf(join(root, 'pbr'))).includes('addDir'), 'addDir of pbr');
      expect(await kindsOf(join(root, '~br'))).toContain('addDir');
    } finally {
      await monitor.close();
    }
  });

  test('a directory swapped by two quick renames is still seen: raw event in the journal, ctime in the scan', async () => {
    const root = sitePackages();
    const stage = join(root, '.plugin-settle-stage.x2');
    mkdirSync(join(root, 'pbr'));
    writeFileSync(join(root, 'pbr', '__init__.py'), 'old');
    mkdirSync(join(stage, 'pbr'), { recursive: true });
    writeFileSync(join(stage, 'pbr', '__init__.py'), 'new');
    const monitor = startMonitor({ roots: [root], watch: backend });
    try {
      await monitor.ready;
      // Step past the staging writes so only the rename can explain a fresh timestamp.
      const since = await waitFor(() => {
        const now = Date.now();
        return statSync(join(stage, 'pbr')).ctimeMs < now - 50 && now;
      }, 'the staging writes to age');
      renameSync(join(root, 'pbr'), join(root, '~br'));
      renameSync(join(stage, 'pbr'), join(root, 'pbr'));
      rmSync(join(root, '~br'), { recursive: true });
      await waitFor(
        async () =>
          (await monitor.changesSince(since, pbr)).some(
            (c) => c.source === 'journal' && c.path === join(root, 'pbr'),
          ),
        'a journal entry for pbr',
      );
      const scanned = (await monitor.changesSince(since, pbr)).filter((c) => c.source === 'scan');
      expect(scanned.find((c) => c.path === join(root, 'pbr'))?.kind).toBe('ctime');
      // The file inside kept its staging times: only the directory's rename shows.
      expect(scanned.find((c) => c.path === join(root, 'pbr', '__init__.py'))).toBeUndefined();
    } finally {
      await monitor.close();
    }
  });
});

describe('monitor when things go wrong', () => {
  test('on ENOSPC from the watcher it says so once and keeps answering from timestamps', async () => {
    const root = sitePackages();
    const warnings: string[] = [];
    const failing = (paths: string[], options: ChokidarOptions) => {
      const watcher = watch(paths, options);
      watcher.once('ready', () => {
        const error = Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), {
          code: 'ENOSPC',
        });
        watcher.emit('error', error);
        watcher.emit('error', error);
      });
      return watcher;
    };
    const monitor = startMonitor({ roots: [root], watch: failing, onWarning: (w) => warnings.push(w) });
    try {
      await monitor.ready;
      await waitFor(() => warnings.length > 0, 'the ENOSPC warning');
      const since = Date.now() - 1;
      mkdirSync(join(root, 'pbr'));
      const changes = await monitor.changesSince(since, pbr);
      expect(changes.map((c) => [c.path, c.source])).toContainEqual([join(root, 'pbr'), 'scan']);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/ENOSPC.*falling back to timestamp scans/);
    } finally {
      await monitor.close();
    }
  });

  test('a root that does not exist is a warning, not a crash', async () => {
    const warnings: string[] = [];
    const monitor = startMonitor({
      roots: [sitePackages()],
      extraRoots: ['/nonexistent/plugin-settle'],
      onWarning: (w) => warnings.push(w),
    });
    try {
      expect(await monitor.mergesInProgress()).toEqual([]);
      expect(await monitor.changesSince(0, 'any')).toBeInstanceOf(Array);
      expect(warnings).toEqual([expect.stringContaining('cannot watch /nonexistent/plugin-settle (ENOENT)')]);
    } finally {
      await monitor.close();
    }
  });
});
