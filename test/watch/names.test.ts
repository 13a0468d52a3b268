import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { metadataDistribution, normalizeName } from '../../src/watch/names.js';
import { isPipStashOf, unwrapStagingName } from '../../src/watch/staging.js';

describe('normalizeName (PEP 503)', () => {
  test.each([
    ['Setuptools_SCM', 'setuptools-scm'],
    ['setuptools.scm', 'setuptools-scm'],
    ['zope.interface', 'zope-interface'],
    ['A__B--C..d', 'a-b-c-d'],
    ['pbr', 'pbr'],
  ])('%s → %s', (name, normalized) => {
    expect(normalizeName(name)).toBe(normalized);
  });

  test('is idempotent and ignores the separator used', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]+([-_.]+[A-Za-z0-9]+)*$/), (name) => {
        expect(normalizeName(normalizeName(name))).toBe(normalizeName(name));
        expect(normalizeName(name.replace(/[-_.]/g, '_'))).toBe(normalizeName(name.replace(/[-_.]/g, '.')));
      }),
    );
  });
});

describe('metadataDistribution', () => {
  test.each([
    ['pbr-5.11.1.dist-info', 'pbr'],
    ['pbr.egg-info', 'pbr'],
    ['pbr-5.10.0-py3.11.egg-info', 'pbr'],
    ['setuptools_scm-7.1.0.dist-info', 'setuptools_scm'],
    ['py2neo-2021.2.4.dist-info', 'py2neo'],
    ['foo-bar-1.0.egg-info', 'foo-bar'],
    ['python_dateutil-2.8.2-py3.11.egg-info', 'python_dateutil'],
  ])('%s belongs to %s', (entry, distribution) => {
    expect(metadataDistribution(entry)).toBe(distribution);
  });

  test('other entries are not metadata', () => {
    expect(metadataDistribution('pbr')).toBeNull();
    expect(metadataDistribution('pbr.pth')).toBeNull();
  });
});

describe('staging names', () => {
  test.each([
    ['pbr.dpkg-new', 'pbr'],
    ['pbr.dpkg-tmp', 'pbr'],
    ['pbr;6650a1b2', 'pbr'],
    ['pbr#new', 'pbr'],
    ['.pbr._portage_merge_.1234abcdefgh', 'pbr'],
    ['.abcdef~pbr.new', 'pbr'],
    ['.MERGING-pbr', 'pbr'],
    ['.plugin-settle-new.k3j.pbr', 'pbr'],
    ['pbr', 'pbr'],
  ])('%s wraps %s', (entry, name) => {
    expect(unwrapStagingName(entry)).toBe(name);
  });

  test("pip's stash names are recognised by what they keep of the name", () => {
    expect(isPipStashOf('~br', 'pbr')).toBe(true);
    expect(isPipStashOf('~-r', 'pbr')).toBe(true);
    expect(isPipStashOf('~pbr', 'pbr')).toBe(true);
    expect(isPipStashOf('~ix', 'pbr')).toBe(false);
    expect(isPipStashOf('pbr', 'pbr')).toBe(false);
  });
});
