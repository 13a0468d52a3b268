import { describe, expect, test } from 'vitest';
import { firstComponentUnder, relevanceMatcher } from '../../src/watch/relevance.js';

const root = '/sp';

describe('relevance (DESIGN decision step 2)', () => {
  const pbr = relevanceMatcher({ module: 'pbr.version', distribution: null });

  test.each([
    'pbr',
    'pbr.py',
    'pbr.cpython-311-x86_64-linux-gnu.so',
    'pbr-5.11.1.dist-info',
    'PBR-5.11.1.dist-info',
    'pbr.egg-info',
    'easy-install.pth',
    'pbr.dpkg-new',
    '.MERGING-pbr',
    '~br',
  ])('%s is relevant to pbr', (entry) => {
    expect(pbr.matchesEntry(entry)).toBe(true);
  });

  test.each(['six.py', 'pbrx', 'pbrx-1.0.dist-info', 'setuptools', 'pip-24.0.dist-info'])(
    '%s is not relevant to pbr',
    (entry) => {
      expect(pbr.matchesEntry(entry)).toBe(false);
    },
  );

  test('module and distribution names meet through PEP 503', () => {
    const scm = relevanceMatcher({ module: 'setuptools_scm.integration' });
    expect(scm.matchesEntry('setuptools_scm-8.0.4.dist-info')).toBe(true);
    expect(scm.matchesEntry('setuptools.scm-8.0.4.dist-info')).toBe(true);
    const yaml = relevanceMatcher({ module: 'yaml', distribution: 'PyYAML' });
    expect(yaml.matchesEntry('PyYAML-6.0.dist-info')).toBe(true);
    expect(yaml.matchesEntry('yaml')).toBe(true);
  });

  test('paths are judged by their first component under a root, or as an implicated file', () => {
    const matcher = relevanceMatcher({ topLevel: 'pbr', files: ['/elsewhere/x.py'] });
    expect(matcher.matchesPath([root], '/sp/pbr/core.py')).toBe(true);
    expect(matcher.matchesPath([root], '/sp/six.py')).toBe(false);
    expect(matcher.matchesPath([root], '/sp')).toBe(false);
    expect(matcher.matchesPath([root], '/elsewhere/x.py')).toBe(true);
    expect(relevanceMatcher('any').matchesPath([root], '/sp/six.py')).toBe(true);
  });

  test('firstComponentUnder', () => {
    expect(firstComponentUnder(['/a', '/sp/'], '/sp/pbr/x.py')).toBe('pbr');
    expect(firstComponentUnder(['/sp'], '/spx/pbr')).toBeNull();
    expect(firstComponentUnder(['/sp'], '/sp')).toBeNull();
  });
});
