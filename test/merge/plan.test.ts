import { vol } from 'memfs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageEntry } from '../../src/merge/image.js';
import { planMerge } from '../../src/merge/plan.js';

vi.mock('node:fs', async () => (await import('memfs')).fs);

const file = (rel: string): ImageEntry => ({
  rel,
  kind: 'file',
  mode: 0o644,
  size: 10,
  atimeMs: 0,
  mtimeMs: 0,
});
const dir = (rel: string): ImageEntry => ({ rel, kind: 'dir', mode: 0o755, size: 0, atimeMs: 0, mtimeMs: 0 });

beforeEach(() => {
  vol.reset();
  vol.fromJSON({
    '/sp/plug/__init__.py': 'v1',
    '/sp/plug/gone.py': '',
    '/sp/plug/__pycache__/gone.cpython-311.pyc': '',
    '/sp/plugold/a.py': '',
    '/sp/plugold/__pycache__/a.cpython-311.pyc': '',
    '/sp/plug-1.0.dist-info/RECORD':
      'plug/__init__.py,,\nplug/gone.py,,\nplugold/a.py,,\n"plug-1.0.dist-info/RECORD",,\n../../../bin/plug,,\n',
    '/sp/other.pth': '',
  });
});

const image = [
  dir('plug'),
  file('plug/__init__.py'),
  dir('plug/new'),
  file('plug/new/m.py'),
  file('plug.pth'),
  dir('plug-2.0.dist-info'),
  file('plug-2.0.dist-info/RECORD'),
];

describe('planMerge', () => {
  it('orders the burst: old metadata out, code in, old code out, new metadata in, .pth last', () => {
    const plan = planMerge(image, '/sp', 'id1', 'plug');
    expect(plan.renames.map((r) => `${r.kind} ${r.kind === 'put' ? r.to : r.from}`)).toEqual([
      'remove plug-1.0.dist-info',
      'put plug/new',
      'put plug/__init__.py',
      'remove plug/gone.py',
      'remove plugold',
      'put plug-2.0.dist-info',
      'put plug.pth',
    ]);
    expect(plan.notes).toEqual(['kept ../../../bin/plug: outside the root']);
  });

  it('stages new directories whole and files beside their targets', () => {
    const plan = planMerge(image, '/sp', 'id1');
    expect(plan.newDirs.map((d) => [d.entry.rel, d.staged])).toEqual([
      ['plug/new', '.plugin-settle-stage.id1/d0'],
      ['plug-2.0.dist-info', '.plugin-settle-stage.id1/d1'],
    ]);
    expect(plan.files.map((f) => f.staged)).toEqual([
      'plug/.plugin-settle-new.id1.__init__.py',
      '.plugin-settle-new.id1.plug.pth',
    ]);
    expect(plan.fileCount).toBe(4);
    expect(plan.byteCount).toBe(40);
  });

  it('keeps a directory that holds files it does not own, removing only the owned ones', () => {
    vol.writeFileSync('/sp/plugold/local.py', 'mine');
    const plan = planMerge(image, '/sp', 'id1', 'plug');
    const removed = plan.renames.filter((r) => r.kind === 'remove').map((r) => r.from);
    expect(removed).toContain('plugold/a.py');
    expect(removed).not.toContain('plugold');
  });

  it('refuses a file where the root has a directory, naming it', () => {
    expect(() => planMerge([file('plug')], '/sp', 'id1')).toThrow(
      /'plug' is a directory in the root where the image has a file; nothing was written/,
    );
  });
});
