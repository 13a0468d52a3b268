import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { startMonitor } from '../../src/watch/index.js';
import { tempDir } from './helpers.js';

async function incompleteIn(root: string, implicated: { module: string }) {
  const monitor = startMonitor({ roots: [root] });
  try {
    return await monitor.incomplete(implicated);
  } finally {
    await monitor.close();
  }
}

/** An interpreter that can make a venv with pip in it (pyenv's do; Debian's needs python3-venv). */
function findVenvPython(): string | null {
  const pyenv = '/root/.pyenv/versions';
  const candidates = [
    ...(existsSync(pyenv)
      ? readdirSync(pyenv)
          .sort()
          .reverse()
          .map((v) => join(pyenv, v, 'bin/python'))
      : []),
    'python3',
  ];
  for (const python of candidates) {
    const probe = spawnSync(
      python,
      ['-c', 'import sys, venv, ensurepip; assert sys.version_info >= (3, 8)'],
      { stdio: 'ignore' },
    );
    if (probe.status === 0) return python;
  }
  return null;
}

/** A hand-made wheel with a plugin entry point: no network, no build backend needed. */
const MAKE_WHEEL = `
import base64, hashlib, sys, zipfile
out = sys.argv[1]
files = {
    "demoplug/__init__.py": "VERSION = '1.0'\\n",
    "demoplug/core.py": "def setup_keyword(dist, attr, value):\\n    return value\\n" * 20,
    "demoplug-1.0.dist-info/METADATA": "Metadata-Version: 2.1\\nName: demoplug\\nVersion: 1.0\\n",
    "demoplug-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\\nGenerator: hand\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
    "demoplug-1.0.dist-info/entry_points.txt": "[distutils.setup_keywords]\\ndemoplug = demoplug.core:setup_keyword\\n",
    "demoplug-1.0.dist-info/top_level.txt": "demoplug\\n",
}
record = []
with zipfile.ZipFile(out, "w") as z:
    for name, text in files.items():
        data = text.encode()
        z.writestr(name, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append("%s,sha256=%s,%d" % (name, digest, len(data)))
    record.append("demoplug-1.0.dist-info/RECORD,,")
    z.writestr("demoplug-1.0.dist-info/RECORD", "\\n".join(record) + "\\n")
`;

describe('completeness on a wheel installed by pip (dist-info with RECORD)', () => {
  const python = findVenvPython();
  let sitePackages = '';

  beforeAll(() => {
    if (!python) return;
    const dir = join(tmpdir(), `ps-pip-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    const wheel = join(dir, 'demoplug-1.0-py3-none-any.whl');
    execFileSync(python, ['-c', MAKE_WHEEL, wheel]);
    execFileSync(python, ['-m', 'venv', join(dir, 'venv')]);
    const venvPython = join(dir, 'venv/bin/python');
    execFileSync(venvPython, [
      '-m',
      'pip',
      'install',
      '--no-index',
      '--no-deps',
      '--disable-pip-version-check',
      '-q',
      wheel,
    ]);
    sitePackages = execFileSync(venvPython, [
      '-c',
      'import sysconfig; print(sysconfig.get_paths()["purelib"])',
    ])
      .toString()
      .trim();
    return () => rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  test('complete as pip left it, then missing a module, then with a truncated file', async (context) => {
    if (!python) context.skip('no interpreter with venv + ensurepip (pyenv 3.8+ or python3-venv)');
    expect(await incompleteIn(sitePackages, { module: 'demoplug' })).toEqual([]);

    rmSync(join(sitePackages, 'demoplug/__init__.py'));
    const [missing] = await incompleteIn(sitePackages, { module: 'demoplug' });
    expect(missing).toMatchObject({
      distribution: 'demoplug',
      metadata: join(sitePackages, 'demoplug-1.0.dist-info'),
      missing: ['demoplug/__init__.py'],
    });

    writeFileSync(join(sitePackages, 'demoplug/__init__.py'), "VERSION = '1.0'\n");
    truncateSync(join(sitePackages, 'demoplug/core.py'), 10);
    const [short] = await incompleteIn(sitePackages, { module: 'demoplug' });
    expect(short?.missing).toEqual([expect.stringMatching(/^demoplug\/core\.py \(10 of \d+ bytes\)$/)]);
  });
});

describe("completeness on Debian's pbr (egg-info with top_level.txt and entry_points.txt, no RECORD)", () => {
  let sitePackages = '';
  let unavailable = '';

  beforeAll(() => {
    const cache = join(tmpdir(), 'plugin-settle-debs');
    mkdirSync(cache, { recursive: true });
    let deb = readdirSync(cache).find((name) => name.startsWith('python3-pbr_') && name.endsWith('.deb'));
    if (!deb) {
      const download = spawnSync('apt-get', ['download', 'python3-pbr'], { cwd: cache, encoding: 'utf8' });
      deb = readdirSync(cache).find((name) => name.startsWith('python3-pbr_') && name.endsWith('.deb'));
      if (!deb) {
        unavailable = `apt-get download python3-pbr failed (${download.error?.message ?? download.stderr?.trim().split('\n').pop()}); run apt-get update first`;
        return;
      }
    }
    const image = tempDir('ps-deb-');
    execFileSync('dpkg', ['-x', join(cache, deb), image]);
    sitePackages = join(image, 'usr/lib/python3/dist-packages');
  }, 120_000);

  test('complete as shipped, then missing an entry-point module, then missing the package', async (context) => {
    if (unavailable) context.skip(unavailable);
    const egg = readdirSync(sitePackages).find((name) => name.endsWith('.egg-info'));
    expect(egg).toMatch(/^pbr-[\d.]+\.egg-info$/);
    expect(existsSync(join(sitePackages, egg!, 'RECORD'))).toBe(false);
    expect(await incompleteIn(sitePackages, { module: 'pbr' })).toEqual([]);

    rmSync(join(sitePackages, 'pbr/core.py'));
    const [one] = await incompleteIn(sitePackages, { module: 'pbr' });
    expect(one).toMatchObject({
      distribution: 'pbr',
      metadata: join(sitePackages, egg!),
      missing: ['pbr/core.py'],
    });

    rmSync(join(sitePackages, 'pbr'), { recursive: true });
    const [all] = await incompleteIn(sitePackages, { module: 'pbr' });
    expect(all?.missing).toEqual(
      expect.arrayContaining(['pbr', 'pbr/core.py', 'pbr/cmd/main.py', 'pbr/pbr_json.py']),
    );
  });
});
