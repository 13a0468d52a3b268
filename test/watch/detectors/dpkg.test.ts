import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dpkgAdmindirFor } from '../../../src/watch/detectors/dpkg.js';

// dpkg's lock concerns only the trees its admindir manages (issue 15): Debian's dist-packages under a
// prefix whose var/lib/dpkg exists, never /usr/local, pyenv, a venv or a user site.
let prefix: string;
beforeEach(() => {
  prefix = mkdtempSync(join(tmpdir(), 'ps-dpkg-'));
});
afterEach(() => rmSync(prefix, { recursive: true, force: true }));

describe('dpkgAdmindirFor', () => {
  it('a Debian dist-packages under a prefix with an admindir: that admindir', async () => {
    mkdirSync(join(prefix, 'var/lib/dpkg'), { recursive: true });
    expect(await dpkgAdmindirFor(join(prefix, 'usr/lib/python3/dist-packages'))).toBe(
      join(prefix, 'var/lib/dpkg'),
    );
    expect(await dpkgAdmindirFor(join(prefix, 'usr/lib/python3.11/dist-packages'))).toBe(
      join(prefix, 'var/lib/dpkg'),
    );
  });

  it('trees dpkg does not manage: none', async () => {
    mkdirSync(join(prefix, 'var/lib/dpkg'), { recursive: true });
    for (const root of [
      'usr/local/lib/python3.11/dist-packages',
      '.pyenv/versions/3.11.7/lib/python3.11/site-packages',
      'venv/lib/python3.11/site-packages',
      'home/u/.local/lib/python3.11/site-packages',
    ])
      expect(await dpkgAdmindirFor(join(prefix, root)), root).toBeNull();
    // The layout alone is not enough: without an admindir, nothing manages it.
    rmSync(join(prefix, 'var'), { recursive: true });
    expect(await dpkgAdmindirFor(join(prefix, 'usr/lib/python3/dist-packages'))).toBeNull();
  });
});
