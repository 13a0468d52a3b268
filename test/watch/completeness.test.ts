import { vol } from 'memfs';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { findIncomplete } from '../../src/watch/completeness/index.js';
import { entryPointModules } from '../../src/watch/completeness/module-files.js';
import { parseRecord } from '../../src/watch/completeness/record.js';

vi.mock('node:fs/promises', async () => {
  const { fs } = await import('memfs');
  return { ...fs.promises, default: fs.promises };
});

const T0 = new Date('2026-01-01T00:00:00Z').getTime();
const at = (ms: number) => vi.setSystemTime(T0 + ms);
const staleAfterMs = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vol.reset();
  at(0);
});
afterEach(() => vi.useRealTimers());

const record = (rows: string[]) => `${rows.join('\n')}\n`;

function wheelInstalled() {
  vol.fromJSON({
    '/sp/pbr/__init__.py': 'init',
    '/sp/pbr/core.py': 'core code',
    '/sp/pbr-6.0.0.dist-info/METADATA': 'm',
    '/sp/pbr-6.0.0.dist-info/RECORD': record([
      'pbr/__init__.py,sha256=x,4',
      'pbr/core.py,sha256=y,9',
      'pbr/__pycache__/core.cpython-311.pyc,,',
      '"pbr/odd,name.txt",sha256=z,1',
      'pbr-6.0.0.dist-info/METADATA,sha256=m,1',
      'pbr-6.0.0.dist-info/RECORD,,',
    ]),
    '/sp/pbr/odd,name.txt': 'o',
  });
}

function eggInstalled() {
  vol.fromJSON({
    '/sp/pbr/__init__.py': '',
    '/sp/pbr/core.py': '',
    '/sp/pbr/cmd/__init__.py': '',
    '/sp/pbr/cmd/main.py': '',
    '/sp/pbr.egg-info/top_level.txt': 'pbr\n',
    '/sp/pbr.egg-info/entry_points.txt':
      '[distutils.setup_keywords]\npbr = pbr.core:pbr\n\n[console_scripts]\npbr = pbr.cmd.main:main [extra]\n',
    '/sp/pbr.egg-info/PKG-INFO': 'x',
  });
}

describe('completeness of a dist-info with RECORD', () => {
  test('complete when every listed file exists with its size (bytecode not required)', async () => {
    wheelInstalled();
    expect(await findIncomplete(['/sp'], { module: 'pbr' }, { staleAfterMs })).toEqual([]);
  });

  test('a missing file and a short file are named', async () => {
    wheelInstalled();
    vol.rmSync('/sp/pbr/__init__.py');
    vol.writeFileSync('/sp/pbr/core.py', 'core');
    const [found] = await findIncomplete(['/sp'], { distribution: 'PBR' }, { staleAfterMs });
    expect(found).toMatchObject({
      distribution: 'pbr',
      metadata: '/sp/pbr-6.0.0.dist-info',
      missing: ['pbr/__init__.py', 'pbr/core.py (4 of 9 bytes)'],
      stale: false,
    });
  });

  test('an incomplete distribution that looked the same for stale-after is flagged stale', async () => {
    wheelInstalled();
    vol.rmSync('/sp/pbr/core.py');
    at(120_000);
    const [found] = await findIncomplete(['/sp'], { module: 'pbr' }, { staleAfterMs, now: T0 + 120_000 });
    expect(found?.stale).toBe(true);
  });
});

describe('completeness without RECORD (egg-info, Debian dist-info)', () => {
  test('complete when top_level.txt names and entry-point modules exist', async () => {
    eggInstalled();
    expect(await findIncomplete(['/sp'], { module: 'pbr' }, { staleAfterMs })).toEqual([]);
  });

  test('metadata without its code is incomplete, naming what is missing', async () => {
    eggInstalled();
    vol.rmSync('/sp/pbr', { recursive: true });
    const [found] = await findIncomplete(['/sp'], { module: 'pbr' }, { staleAfterMs });
    expect(found?.missing).toEqual([
      'pbr',
      'pbr/__init__.py',
      'pbr/core.py',
      'pbr/cmd/__init__.py',
      'pbr/cmd/main.py',
    ]);
  });

  test('one entry-point module missing is enough', async () => {
    eggInstalled();
    vol.rmSync('/sp/pbr/cmd/main.py');
    const [found] = await findIncomplete(['/sp'], { module: 'pbr' }, { staleAfterMs });
    expect(found?.missing).toEqual(['pbr/cmd/main.py']);
  });

  test('installed-files.txt is checked when present', async () => {
    eggInstalled();
    vol.writeFileSync(
      '/sp/pbr.egg-info/installed-files.txt',
      '../pbr/core.py\n../pbr/extra.py\n../pbr/__pycache__/x.pyc\n',
    );
    const [found] = await findIncomplete(['/sp'], { module: 'pbr' }, { staleAfterMs });
    expect(found?.missing).toEqual(['pbr/extra.py']);
  });

  test('a fresh pip dist-info without RECORD yet is in progress; an old Debian one is not', async () => {
    vol.fromJSON({
      '/sp/six.py': '',
      '/sp/six-1.16.0.dist-info/INSTALLER': 'pip\n',
      '/sp/six-1.16.0.dist-info/top_level.txt': 'six\n',
    });
    const [found] = await findIncomplete(['/sp'], { module: 'six' }, { staleAfterMs });
    expect(found?.missing).toEqual(['six-1.16.0.dist-info/RECORD']);
    vol.writeFileSync('/sp/six-1.16.0.dist-info/INSTALLER', 'debian\n');
    expect(await findIncomplete(['/sp'], { module: 'six' }, { staleAfterMs })).toEqual([]);
  });
});

describe('which metadata is asked', () => {
  test('without an implicated distribution only recently changed metadata is checked', async () => {
    eggInstalled();
    vol.rmSync('/sp/pbr/core.py');
    at(120_000);
    vol.fromJSON({ '/sp/new-1.0.dist-info/RECORD': 'new.py,,\n' });
    const found = await findIncomplete(['/sp'], undefined, { staleAfterMs, now: T0 + 120_000 });
    expect(found.map((entry) => [entry.distribution, entry.missing])).toEqual([['new', ['new.py']]]);
  });

  test('module and distribution names that differ meet through top_level.txt', async () => {
    vol.fromJSON({ '/sp/PyYAML-6.0.dist-info/top_level.txt': 'yaml\n_yaml\n', '/sp/_yaml/__init__.py': '' });
    const [found] = await findIncomplete(['/sp'], { module: 'yaml' }, { staleAfterMs });
    expect(found).toMatchObject({ distribution: 'PyYAML', missing: ['yaml'] });
  });
});

describe('parsers', () => {
  test('RECORD rows with quoted paths and empty sizes', () => {
    expect(parseRecord('a.py,sha256=x,12\n"b,c.py",,\n')).toEqual([
      { path: 'a.py', size: 12 },
      { path: 'b,c.py', size: null },
    ]);
  });

  test('entry_points.txt modules, extras and attributes stripped', () => {
    expect(
      entryPointModules('[g]\na = pkg.mod:attr [x]\nb=pkg.mod:other\nc = solo\n# c = no.module\n'),
    ).toEqual(['pkg.mod', 'solo']);
  });
});
