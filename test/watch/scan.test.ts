import { vol } from 'memfs';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { scanChanges } from '../../src/watch/scan.js';

vi.mock('node:fs/promises', async () => {
  const { fs } = await import('memfs');
  return { ...fs.promises, default: fs.promises };
});

const T0 = new Date('2026-01-01T00:00:00Z').getTime();
const at = (ms: number) => vi.setSystemTime(T0 + ms);

// memfs stamps ctime with the (faked) clock, so "old" entries are made while the clock is early.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vol.reset();
  at(0);
  vol.fromJSON({
    '/sp/pbr/__init__.py': 'x',
    '/sp/pbr/core.py': 'x',
    '/sp/pbr-5.11.1.dist-info/METADATA': 'x',
    '/sp/six.py': 'x',
    '/sp/setuptools/__init__.py': 'x',
    '/other/pbr.py': 'x',
  });
});
afterEach(() => vi.useRealTimers());

const pbr = { module: 'pbr', distribution: 'pbr' };

describe('scanChanges', () => {
  test('nothing changed since T gives nothing', async () => {
    at(60_000);
    expect(await scanChanges(['/sp'], T0 + 30_000, pbr)).toEqual([]);
    expect(await scanChanges(['/sp'], T0 + 30_000, 'any')).toEqual([]);
  });

  test('a deep write in the implicated package is found, with its mtime', async () => {
    at(60_000);
    vol.writeFileSync('/sp/pbr/core.py', 'changed');
    const changes = await scanChanges(['/sp'], T0 + 30_000, pbr);
    expect(changes.map((c) => [c.path, c.kind, c.source])).toEqual([['/sp/pbr/core.py', 'mtime', 'scan']]);
  });

  test('an mtime set back into the past is still seen through ctime (Portage keeps image mtimes)', async () => {
    at(60_000);
    vol.writeFileSync('/sp/pbr/new.py', 'x');
    vol.utimesSync('/sp/pbr/new.py', new Date(T0 - 1e6), new Date(T0 - 1e6));
    vol.utimesSync('/sp/pbr', new Date(T0 - 1e6), new Date(T0 - 1e6));
    const changes = await scanChanges(['/sp'], T0 + 30_000, pbr);
    expect(changes.map((c) => [c.path, c.kind])).toEqual(
      expect.arrayContaining([
        ['/sp/pbr/new.py', 'ctime'],
        ['/sp/pbr', 'ctime'],
      ]),
    );
  });

  test('changes to unrelated entries are not relevant, but count for "any" (top level only)', async () => {
    at(60_000);
    vol.writeFileSync('/sp/six.py', 'changed');
    vol.writeFileSync('/sp/setuptools/__init__.py', 'changed');
    vol.writeFileSync('/sp/setuptools/new.py', 'x');
    expect(await scanChanges(['/sp'], T0 + 30_000, pbr)).toEqual([]);
    const any = await scanChanges(['/sp'], T0 + 30_000, 'any');
    // Rewriting an existing file deep down leaves its parents alone: "any" is shallow by design.
    expect(any.map((c) => c.path).sort()).toEqual(['/sp/setuptools', '/sp/six.py']);
  });

  test('metadata by PEP 503 name and .pth files are relevant', async () => {
    at(60_000);
    vol.mkdirSync('/sp/PBR-6.0.0.dist-info');
    vol.writeFileSync('/sp/distutils-precedence.pth', 'x');
    const changes = await scanChanges(['/sp'], T0 + 30_000, { module: 'pbr' });
    expect(changes.map((c) => c.path).sort()).toEqual([
      '/sp/PBR-6.0.0.dist-info',
      '/sp/distutils-precedence.pth',
    ]);
  });

  test('implicated files outside the roots are scanned too; a missing root is no crash', async () => {
    at(60_000);
    vol.writeFileSync('/other/pbr.py', 'changed');
    const changes = await scanChanges(['/missing', '/sp'], T0 + 30_000, { files: ['/other/pbr.py'] });
    expect(changes.map((c) => c.path)).toEqual(['/other/pbr.py']);
  });
});
