import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProtocolNames, runCli, startCli } from './helpers.js';
import { waitFor } from './wait.js';

let base: string;
let root: string;
let image: string;

function put(dir: string, rel: string, content: string): void {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), content);
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ps-merge-'));
  root = join(base, 'root');
  image = join(base, 'image');
  mkdirSync(root);
  mkdirSync(image);
});

afterEach(() => rmSync(base, { recursive: true, force: true }));

/** A plugin v1 installed in the root, and a v2 image that moves its entry point to a new module. */
function upgradeScenario(): void {
  put(root, 'plug/__init__.py', 'v = 1\n');
  put(root, 'plug/old.py', 'def w(): pass\n');
  put(root, 'plug-1.0.dist-info/entry_points.txt', '[egg_info.writers]\nx = plug.old:w\n');
  put(
    root,
    'plug-1.0.dist-info/RECORD',
    'plug/__init__.py,,\nplug/old.py,,\nplug-1.0.dist-info/entry_points.txt,,\nplug-1.0.dist-info/RECORD,,\n',
  );
  put(image, 'plug/__init__.py', 'v = 2\n');
  for (let n = 0; n < 20; n++) put(image, `plug/new/m${n}.py`, `def w(): return ${n}\n`);
  put(image, 'plug-2.0.dist-info/entry_points.txt', '[egg_info.writers]\nx = plug.new.m19:w\n');
  put(image, 'plug-2.0.dist-info/RECORD', 'plug/__init__.py,,\nplug-2.0.dist-info/RECORD,,\n');
  put(image, 'plug.pth', 'import plug\n');
}

describe('merge', () => {
  it('keeps modes, mtimes and symlinks, prints a one-line summary, leaves no protocol names', async () => {
    put(image, 'pkg/tool', '#!/bin/sh\n');
    put(root, 'pkg/keep.py', 'keep = 1\n');
    put(image, 'pkg/run.py', 'x = 1\n');
    put(image, 'newpkg/sub/a.py', 'a = 1\n');
    chmodSync(join(image, 'pkg/tool'), 0o751);
    utimesSync(join(image, 'pkg/run.py'), 1_000_000, 1_000_000);
    symlinkSync('sub/a.py', join(image, 'newpkg/link.py'));
    const result = await runCli(['merge', image, root]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^merged 4 files \(0\.0 kB\) into .* in \d+ ms\n$/);
    expect(statSync(join(root, 'pkg/tool')).mode & 0o7777).toBe(0o751);
    expect(statSync(join(root, 'pkg/run.py')).mtimeMs).toBe(1_000_000_000);
    expect(lstatSync(join(root, 'newpkg/link.py')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, 'newpkg/link.py'))).toBe('sub/a.py');
    expect(readFileSync(join(root, 'pkg/keep.py'), 'utf8')).toBe('keep = 1\n');
    expect(findProtocolNames(root)).toEqual([]);
  });

  it('--replace removes what the old version owned and the new one lacks', async () => {
    upgradeScenario();
    put(root, 'other/untouched.py', '');
    const result = await runCli(['merge', '--quiet', '--replace', 'Plug', image, root]);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(root, 'plug-1.0.dist-info'))).toBe(false);
    expect(existsSync(join(root, 'plug/old.py'))).toBe(false);
    expect(existsSync(join(root, 'plug-2.0.dist-info/entry_points.txt'))).toBe(true);
    expect(readFileSync(join(root, 'plug/__init__.py'), 'utf8')).toBe('v = 2\n');
    expect(existsSync(join(root, 'other/untouched.py'))).toBe(true);
  });

  // Stopping the merge (SIGKILL) after every single step shows each intermediate state a build can see.
  it('never shows entry points whose code is missing, at any step of an upgrade', async () => {
    upgradeScenario();
    const pristine = join(base, 'pristine');
    cpSync(root, pristine, { recursive: true });
    const counted = await runCli(['merge', '--replace', 'plug', image, root], {
      PLUGIN_SETTLE_FAULT_KILL_AT_STEP: 'count',
    });
    const steps = Number(/fault steps: (\d+)/.exec(counted.stderr)?.[1]);
    expect(steps).toBeGreaterThan(20);
    const seen = new Set<string>();
    for (let step = 1; step <= steps; step++) {
      rmSync(root, { recursive: true });
      cpSync(pristine, root, { recursive: true });
      const killed = await runCli(['merge', '--replace', 'plug', image, root], {
        PLUGIN_SETTLE_FAULT_KILL_AT_STEP: String(step),
      });
      expect(killed.signal, `step ${step}`).toBe('SIGKILL');
      const oldMeta = existsSync(join(root, 'plug-1.0.dist-info/entry_points.txt'));
      const newMeta = existsSync(join(root, 'plug-2.0.dist-info/entry_points.txt'));
      const pth = existsSync(join(root, 'plug.pth'));
      if (oldMeta)
        expect(existsSync(join(root, 'plug/old.py')), `step ${step}: old entry point, no code`).toBe(true);
      if (newMeta) {
        for (let n = 0; n < 20; n++)
          expect(existsSync(join(root, `plug/new/m${n}.py`)), `step ${step}`).toBe(true);
        expect(existsSync(join(root, 'plug/old.py')), `step ${step}: old code outlived its removal`).toBe(
          false,
        );
      }
      if (pth) expect(newMeta, `step ${step}: .pth before the metadata`).toBe(true);
      expect(oldMeta && newMeta, `step ${step}: two versions' metadata at once`).toBe(false);
      // The marker is held until the very last step, which releases it.
      expect(existsSync(join(root, '.plugin-settle-merge/owner.json')), `step ${step}: marker`).toBe(
        step < steps,
      );
      seen.add(`${oldMeta ? 'old' : '-'}/${newMeta ? 'new' : '-'}/${pth ? 'pth' : '-'}`);
    }
    // The walk passed through every phase: old metadata, none, new metadata, then the .pth.
    expect([...seen].sort()).toEqual(['-/-/-', '-/new/-', '-/new/pth', 'old/-/-']);
  });

  it('waits for a live merge marker and goes on once it is released; --no-wait fails instead', async () => {
    put(image, 'pkg/a.py', '');
    mkdirSync(join(root, '.plugin-settle-merge'));
    const owner = {
      pid: process.pid,
      host: hostname(),
      started: new Date().toISOString(),
      tool: 'test',
    };
    writeFileSync(join(root, '.plugin-settle-merge/owner.json'), JSON.stringify(owner));
    const refused = await runCli(['merge', '--no-wait', image, root]);
    expect(refused.code).toBe(125);
    expect(refused.stderr).toMatch(/a merge is in progress in .* \(held by pid \d+/);
    const waiting = startCli(['merge', image, root]);
    let stderr = '';
    waiting.child.stderr?.on('data', (chunk) => (stderr += chunk));
    await waitFor('the merge to say it is waiting', () => /waiting for the merge in progress/.test(stderr));
    expect(existsSync(join(root, 'pkg/a.py'))).toBe(false);
    rmSync(join(root, '.plugin-settle-merge'), { recursive: true });
    const done = await waiting.done;
    expect(done.code, done.stderr).toBe(0);
    expect(existsSync(join(root, 'pkg/a.py'))).toBe(true);
  });

  it('takes over the marker of a dead merge, finishing its committed journal first', async () => {
    upgradeScenario();
    const killed = await runCli(['merge', '--replace', 'plug', image, root], {
      PLUGIN_SETTLE_FAULT_KILL_AT_STEP: '30',
    });
    expect(killed.signal).toBe('SIGKILL');
    const other = join(base, 'other-image');
    put(other, 'unrelated/x.py', '');
    const result = await runCli(['merge', other, root]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/taking over a stale merge marker .* its owner pid \d+ is dead/);
    expect(result.stderr).toMatch(/completed merge [0-9a-f]+ of .*image/);
    expect(existsSync(join(root, 'plug-2.0.dist-info/entry_points.txt'))).toBe(true);
    expect(existsSync(join(root, 'unrelated/x.py'))).toBe(true);
    expect(findProtocolNames(root)).toEqual([]);
  });

  it('--recover refuses while a live merge holds the root', async () => {
    mkdirSync(join(root, '.plugin-settle-merge'));
    const owner = { pid: process.pid, host: hostname(), started: '', tool: 'test' };
    writeFileSync(join(root, '.plugin-settle-merge/owner.json'), JSON.stringify(owner));
    const result = await runCli(['merge', '--recover', root]);
    expect(result.code).toBe(125);
    expect(result.stderr).toMatch(/a live merge holds .* nothing to recover until it ends or dies/);
  });
});
