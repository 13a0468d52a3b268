import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readMergeMarker } from '../../src/merge/marker.js';

// The marker's mtime is its owner's heartbeat: the clock is injected, the marker is a real directory.
let root: string;
const T0 = Date.parse('2026-12-01T00:00:00Z');
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ps-marker-'));
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(root, { recursive: true, force: true });
});

function marker(owner: object, beatAt: number): void {
  const path = join(root, '.plugin-settle-merge');
  mkdirSync(path);
  writeFileSync(join(path, 'owner.json'), JSON.stringify({ started: 's', tool: 't', ...owner }));
  utimesSync(path, beatAt / 1000, beatAt / 1000);
}

describe('readMergeMarker', () => {
  it('another host: live while refreshed within stale-after, stale after', () => {
    marker({ pid: 1, host: 'elsewhere.invalid' }, T0);
    vi.setSystemTime(T0 + 59_000);
    expect(readMergeMarker(root, 60_000).state).toBe('live');
    vi.setSystemTime(T0 + 61_000);
    const state = readMergeMarker(root, 60_000);
    expect(state).toMatchObject({ state: 'stale' });
    expect(state.state === 'stale' && state.reason).toMatch(/not refreshed for 61 s by pid 1 on elsewhere/);
  });

  it('this host: a dead owner is stale at once, a live one only once its heartbeat stops', () => {
    marker({ pid: process.pid, host: hostname() }, T0);
    vi.setSystemTime(T0 + 1000);
    expect(readMergeMarker(root, 60_000).state).toBe('live');
    // A reused pid, or an owner that hangs: the heartbeat decides.
    vi.setSystemTime(T0 + 61_000);
    expect(readMergeMarker(root, 60_000).state).toBe('stale');
    rmSync(join(root, '.plugin-settle-merge'), { recursive: true });
    marker({ pid: 2 ** 22 + 1, host: hostname() }, T0);
    vi.setSystemTime(T0 + 10);
    expect(readMergeMarker(root, 60_000)).toMatchObject({ state: 'stale', reason: /dead/ });
  });
});
