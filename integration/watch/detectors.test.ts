import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type MergeInProgress, startMonitor } from '../../src/watch/index.js';
import { deadPid, holdFlock, holdPosixLock, tempDir, waitFor } from './helpers.js';

// Any CPython takes the lock the same way; prefer the system one, as Portage and dpkg run under it.
const python =
  ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import fcntl']).status === 0) ?? 'python3';

function root() {
  const dir = join(tempDir(), 'site-packages');
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function mergesIn(
  dir: string,
  options: { staleAfterMs?: number; portageRoot?: string; procLocks?: string } = {},
) {
  const warnings: string[] = [];
  const monitor = startMonitor({
    roots: [dir],
    portageRoot: options.portageRoot ?? tempDir(),
    onWarning: (w) => warnings.push(w),
    ...options,
  });
  try {
    const merges = await monitor.mergesInProgress({ module: 'pbr' });
    // The machine's own dpkg/rpm locks may be taken by apt at any moment; they are not under test.
    return { merges: merges.filter((m) => !m.path.startsWith('/var/lib/')), warnings };
  } finally {
    await monitor.close();
  }
}

const pick = (merges: MergeInProgress[]) => merges.map(({ kind, path, stale }) => ({ kind, path, stale }));

describe('staging names of every installer', () => {
  test.each([
    ['dpkg', 'pbr.dpkg-new', false],
    ['dpkg', 'six.py.dpkg-tmp', false],
    ['rpm', 'pbr;6650a1b2', false],
    ['pip', '~br', true],
    ['uv', '.tmpA1b2C3', true],
    ['atomic-install', '.qwerty~pbr.new', false],
    ['atomic-install', '.MERGING-pbr', true],
    ['portage-temp', '.core.py._portage_merge_.4242abcdefgh', false],
    ['portage-temp', 'pbr.py#new', false],
    ['plugin-settle', '.plugin-settle-stage.k3j', true],
    ['plugin-settle', '.plugin-settle-journal.k3j.json', false],
  ])('%s: %s at the top level', async (kind, name, isDirectory) => {
    const dir = root();
    if (isDirectory) mkdirSync(join(dir, name));
    else writeFileSync(join(dir, name), '');
    const { merges } = await mergesIn(dir);
    expect(pick(merges)).toEqual([{ kind, path: join(dir, name), stale: false }]);
  });

  test('deep inside a package that is being written, and deep inside the implicated one', async () => {
    const dir = root();
    mkdirSync(join(dir, 'fresh', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'fresh', 'sub', 'mod.py;0badc0de'), '');
    mkdirSync(join(dir, 'pbr-6.0.0.dist-info'));
    writeFileSync(join(dir, 'pbr-6.0.0.dist-info', 'RECORDk2h3x9.tmp'), '');
    const { merges } = await mergesIn(dir);
    expect(pick(merges).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'pip', path: join(dir, 'pbr-6.0.0.dist-info', 'RECORDk2h3x9.tmp'), stale: false },
      { kind: 'rpm', path: join(dir, 'fresh', 'sub', 'mod.py;0badc0de'), stale: false },
    ]);
  });

  test('once the journal listens, moved directories are found through it and through the start-up baseline', async () => {
    const dir = root();
    mkdirSync(join(dir, 'before', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'before', 'sub', 'mod.py;0badc0de'), '');
    const monitor = startMonitor({ roots: [dir], portageRoot: tempDir() });
    try {
      await monitor.ready;
      const paths = async () => (await monitor.mergesInProgress({ module: 'pbr' })).map((m) => m.path);
      expect(await paths()).toEqual([join(dir, 'before', 'sub', 'mod.py;0badc0de')]);
      mkdirSync(join(dir, 'after'));
      writeFileSync(join(dir, 'after', 'mod.py.dpkg-new'), '');
      await waitFor(
        async () => (await paths()).includes(join(dir, 'after', 'mod.py.dpkg-new')),
        'after/mod.py.dpkg-new',
      );
    } finally {
      await monitor.close();
    }
  });

  test('names untouched for stale-after are leftovers, reported as stale', async () => {
    const dir = root();
    writeFileSync(join(dir, 'pbr.dpkg-new'), '');
    const merges = await waitFor(async () => {
      const { merges } = await mergesIn(dir, { staleAfterMs: 30 });
      return merges[0]?.stale && merges;
    }, 'pbr.dpkg-new to count as stale');
    expect(pick(merges)).toEqual([{ kind: 'dpkg', path: join(dir, 'pbr.dpkg-new'), stale: true }]);
  });

  test('ordinary site-packages entries are not mistaken for staging names', async () => {
    const dir = root();
    for (const name of [
      'pbr',
      'pbr-6.0.0.dist-info',
      'six.py',
      '_distutils_hack',
      'distutils-precedence.pth',
      '__pycache__',
    ]) {
      if (name.includes('.')) writeFileSync(join(dir, name), '');
      else mkdirSync(join(dir, name));
    }
    expect((await mergesIn(dir)).merges).toEqual([]);
  });
});

describe('our merge marker', () => {
  const marker = (dir: string, owner: object | null) => {
    mkdirSync(join(dir, '.plugin-settle-merge'));
    if (owner) writeFileSync(join(dir, '.plugin-settle-merge', 'owner.json'), JSON.stringify(owner));
    return join(dir, '.plugin-settle-merge');
  };

  test('held by a live process on this host: in progress, with its pid', async () => {
    const dir = root();
    const path = marker(dir, {
      pid: process.pid,
      host: hostname(),
      started: Date.now(),
      image: '/img',
      tool: 'test',
    });
    expect((await mergesIn(dir)).merges).toEqual([
      { kind: 'plugin-settle', path, pid: process.pid, stale: false },
    ]);
  });

  test('its owner died: stale', async () => {
    const dir = root();
    const pid = await deadPid();
    const path = marker(dir, { pid, host: hostname(), started: Date.now() });
    expect((await mergesIn(dir)).merges).toEqual([{ kind: 'plugin-settle', path, pid, stale: true }]);
  });

  test('owner.json not written yet: a merge that just began', async () => {
    const dir = root();
    const path = marker(dir, null);
    expect((await mergesIn(dir)).merges).toEqual([{ kind: 'plugin-settle', path, stale: false }]);
  });
});

describe('Portage', () => {
  test('-MERGING- in the vdb, and a POSIX lock held on the vdb lock file', async () => {
    const dir = root();
    const eroot = tempDir();
    const merging = join(eroot, 'var/db/pkg/dev-python/-MERGING-pbr-6.0.0');
    mkdirSync(merging, { recursive: true });
    mkdirSync(join(eroot, 'var/db/pkg/dev-python/six-1.16.0'));
    const lockFile = join(eroot, 'var/db/.pkg.portage_lockfile');
    writeFileSync(lockFile, '');
    expect(pick((await mergesIn(dir, { portageRoot: eroot })).merges)).toEqual([
      { kind: 'portage', path: merging, stale: false },
    ]);
    const lock = await holdPosixLock(python, lockFile);
    try {
      const { merges } = await mergesIn(dir, { portageRoot: eroot });
      expect(merges).toContainEqual({ kind: 'portage-lock', path: lockFile, pid: lock.pid, stale: false });
    } finally {
      await lock.release();
    }
    expect((await mergesIn(dir, { portageRoot: eroot })).merges.map((m) => m.kind)).toEqual(['portage']);
  });

  test('an old -MERGING- without the vdb lock is a crashed emerge: stale', async () => {
    const dir = root();
    const eroot = tempDir();
    mkdirSync(join(eroot, 'var/db/pkg/dev-python/-MERGING-pbr-6.0.0'), { recursive: true });
    const merges = await waitFor(async () => {
      const { merges } = await mergesIn(dir, { portageRoot: eroot, staleAfterMs: 30 });
      return merges[0]?.stale && merges;
    }, '-MERGING- to count as stale');
    expect(merges.map((m) => m.kind)).toEqual(['portage']);
  });

  test('without /proc/locks the detector says it cannot tell', async () => {
    const dir = root();
    const eroot = tempDir();
    mkdirSync(join(eroot, 'var/db'), { recursive: true });
    writeFileSync(join(eroot, 'var/db/.pkg.portage_lockfile'), '');
    const { merges, warnings } = await mergesIn(dir, { portageRoot: eroot, procLocks: '/nonexistent/locks' });
    expect(merges).toEqual([]);
    expect(warnings).toContain(
      `cannot tell whether ${join(eroot, 'var/db/.pkg.portage_lockfile')} is locked: /proc/locks is not available here`,
    );
  });
});

describe('uv', () => {
  test("dpkg's lock counts for the trees its admindir manages, not for a venv beside it", async () => {
    // A private Debian tree (dpkg --root): its own admindir, not the machine's.
    const prefix = tempDir();
    const debian = join(prefix, 'usr/lib/python3/dist-packages');
    mkdirSync(debian, { recursive: true });
    mkdirSync(join(prefix, 'var/lib/dpkg'), { recursive: true });
    const lockFile = join(prefix, 'var/lib/dpkg/lock');
    writeFileSync(lockFile, '');
    const venv = tempDir();
    writeFileSync(join(venv, 'pyvenv.cfg'), 'home = /usr/bin\n');
    const venvRoot = join(venv, 'lib/python3.11/site-packages');
    mkdirSync(venvRoot, { recursive: true });
    const lock = await holdPosixLock(python, lockFile);
    try {
      expect(pick((await mergesIn(debian)).merges)).toEqual([
        { kind: 'dpkg-lock', path: lockFile, stale: false },
      ]);
      expect(pick((await mergesIn(venvRoot)).merges)).toEqual([]);
    } finally {
      await lock.release();
    }
    expect(pick((await mergesIn(debian)).merges)).toEqual([]);
  });

  test('an flock held on <venv>/.lock (taken with flock(1))', async () => {
    const venv = tempDir();
    writeFileSync(join(venv, 'pyvenv.cfg'), 'home = /usr/bin\n');
    const dir = join(venv, 'lib/python3.11/site-packages');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(venv, '.lock'), '');
    expect((await mergesIn(dir)).merges).toEqual([]);
    const lock = await holdFlock(join(venv, '.lock'));
    try {
      const { merges } = await mergesIn(dir);
      expect(merges).toEqual([
        { kind: 'uv', path: join(venv, '.lock'), pid: expect.any(Number), stale: false },
      ]);
    } finally {
      await lock.release();
    }
    expect((await mergesIn(dir)).merges).toEqual([]);
  });
});
