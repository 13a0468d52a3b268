import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import { probeStatement, probeTargets } from '../../src/run/probe-targets.js';
import { failureMemory, unchangedRepeat } from '../../src/run/repeat.js';
import type { Change } from '../../src/watch/index.js';

const nosuchname = classify(
  Buffer.from(
    "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nImportError: cannot import name 'nosuchname' from 'setuptools' (/v/site-packages/setuptools/__init__.py)\n",
  ),
);
const noattr = classify(
  Buffer.from(
    'Traceback (most recent call last):\n  File "/v/site-packages/setuptools/command/egg_info.py", line 3, in run\n    writer = ep.load()\n  File "/usr/lib/python3.11/importlib/metadata/__init__.py", line 9, in load\n    return functools.reduce(getattr, attrs, module)\nAttributeError: module \'brokenplug\' has no attribute \'nosuchattr\'\n',
  ),
);
const noModule = classify(
  Buffer.from(
    'Traceback (most recent call last):\n  File "x", line 1\nModuleNotFoundError: No module named \'pbr\'\n',
  ),
);

describe('probe targets: what failed, the name included', () => {
  it('a missing name is asked of its module', () => {
    expect(probeTargets(nosuchname)).toEqual(['setuptools:nosuchname']);
    expect(probeTargets(noattr)).toEqual(['brokenplug:nosuchattr']);
    expect(probeStatement('setuptools:nosuchname')).toBe('from setuptools import nosuchname');
  });
  it('a missing module only has to be there', () => {
    expect(probeTargets(noModule)).toEqual(['pbr']);
    expect(probeStatement('pbr')).toBe('import pbr');
  });
});

describe('a retried attempt that fails the same way with nothing changed', () => {
  const quiet = { changesSince: async () => [] as Change[], mergesInProgress: async () => [] };
  it('is a real error', async () => {
    const memory = failureMemory();
    expect(await unchangedRepeat(memory, noattr, 0, quiet)).toBeNull(); // first time: nothing to repeat
    memory.retried(noattr);
    expect(await unchangedRepeat(memory, noattr, 0, quiet)).toMatch(/failed the same way/);
  });
  it('is retried again when it failed differently, something changed, or an installer is at work', async () => {
    const memory = failureMemory();
    memory.retried(noattr);
    expect(await unchangedRepeat(memory, nosuchname, 0, quiet)).toBeNull();
    const moved: Change = { path: '/v/site-packages/brokenplug', kind: 'change', time: 1, source: 'scan' };
    expect(
      await unchangedRepeat(memory, noattr, 0, { ...quiet, changesSince: async () => [moved] }),
    ).toBeNull();
    const merging = { kind: 'pip', path: '/v/site-packages/~rokenplug', stale: false };
    expect(
      await unchangedRepeat(memory, noattr, 0, { ...quiet, mergesInProgress: async () => [merging] }),
    ).toBeNull();
  });
});
