import { describe, expect, it } from 'vitest';
import { filesUnderRoots, isSitePackagesPath, moduleFromPath } from '../../src/classify/index.js';
import { distributionFromPath } from '../../src/classify/paths.js';

describe('path shapes', () => {
  it.each([
    ['/usr/lib/python3.12/site-packages/pbr/core.py', true],
    ['/usr/lib/python3/dist-packages/pbr/core.py', true],
    ['/venv/lib/python3.11/site-packages/x.py', true],
    ['/usr/lib64/python3.6/site-packages/setuptools/dist.py', true],
    ['C:\\Python311\\Lib\\site-packages\\pbr\\core.py', true],
    ['/usr/lib/python3.6/site-packages/demo-1.0-py3.6.egg/demo/__init__.py', true],
    ['/home/me/project/setup.py', false],
    ['setup.py', false],
    ['/tmp/pip-req-build-x1/setup.py', false],
    ['<frozen importlib._bootstrap>', false],
  ])('%s is site-packages-like: %s', (path, expected) => {
    expect(isSitePackagesPath(path)).toBe(expected);
  });

  it.each([
    ['/sp/lib/python3.11/site-packages/demowriter/hooks.py', 'demowriter.hooks'],
    ['/sp/lib/python3.11/site-packages/demowriter/__init__.py', 'demowriter'],
    ['/sp/lib/python3.11/site-packages/demowriter/__pycache__/hooks.cpython-311.pyc', 'demowriter.hooks'],
    ['/sp/lib/python2.7/site-packages/demowriter/hooks.pyc', 'demowriter.hooks'],
    ['/usr/lib/python3/dist-packages/_yaml.cpython-311-x86_64-linux-gnu.so', '_yaml'],
    ['/sp/site-packages/demo_writer-1.0.dist-info/METADATA', null],
    ['/home/me/project/setup.py', null],
  ])('%s is module %s', (path, module) => {
    expect(moduleFromPath(path)).toBe(module);
  });

  it.each([
    ['/sp/site-packages/demo_writer-1.0.dist-info/METADATA', 'demo_writer'],
    ['/sp/site-packages/pbr-5.10.0.egg-info/entry_points.txt', 'pbr'],
    ['/sp/site-packages/setuptools_scm-7.1.0-py3.11.egg-info/PKG-INFO', 'setuptools_scm'],
    ['/sp/site-packages/zope.interface-6.0.dist-info', 'zope.interface'],
    ['/sp/site-packages/pbr/core.py', null],
  ])('%s belongs to %s', (path, distribution) => {
    expect(distributionFromPath(path)).toBe(distribution);
  });
});

describe('checking implicated files against the watched roots', () => {
  const files = [
    '/venv/lib/python3.12/site-packages/pbr/core.py',
    '/usr/lib/python3/dist-packages/x.py',
    '/venv/lib/python3.12/site-packages-old/y.py',
  ];

  it('keeps only files under a root, root spelled with or without a trailing slash', () => {
    expect(filesUnderRoots(files, ['/venv/lib/python3.12/site-packages/'])).toEqual([files[0]]);
    expect(
      filesUnderRoots(files, ['/venv/lib/python3.12/site-packages', '/usr/lib/python3/dist-packages']),
    ).toEqual(files.slice(0, 2));
    expect(filesUnderRoots(files, [])).toEqual([]);
  });
});
