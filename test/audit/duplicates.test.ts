import { describe, expect, it } from 'vitest';
import { findDuplicates } from '../../src/audit/duplicates.js';

const SP = '/venv/lib/python3.11/site-packages';

describe('findDuplicates', () => {
  it('groups metadata by PEP 503 name within a root; two versions break builds', () => {
    const [finding, ...rest] = findDuplicates([
      [
        `${SP}/Setuptools_SCM-7.1.0.dist-info`,
        `${SP}/setuptools.scm-8.0.4.dist-info`,
        `${SP}/pbr-6.0.0.dist-info`,
      ],
    ]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      kind: 'duplicate',
      path: SP,
      distribution: 'setuptools-scm',
      breaks: true,
      paths: [`${SP}/Setuptools_SCM-7.1.0.dist-info`, `${SP}/setuptools.scm-8.0.4.dist-info`],
      fix: null,
    });
    expect(finding!.why).toContain('7.1.0');
    expect(finding!.why).toContain('8.0.4');
  });

  it('one version twice is a warning, and the same name in two roots is no duplicate', () => {
    const [same] = findDuplicates([[`${SP}/pbr-6.0.0.dist-info`, `${SP}/pbr-6.0.0-py3.11.egg-info`]]);
    expect(same).toMatchObject({ breaks: false });
    expect(
      findDuplicates([[`${SP}/pbr-6.0.0.dist-info`], [`/usr/lib/python3/dist-packages/pbr-5.0.dist-info`]]),
    ).toEqual([]);
  });
});
