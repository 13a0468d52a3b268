import { describe, expect, it } from 'vitest';
import {
  distNameOfMetadataDir,
  isContainedRelative,
  isMetadataPath,
  isStagingName,
  stagedPathFor,
} from '../../src/merge/names.js';

describe('merge names', () => {
  it('finds the distribution of a metadata directory, PEP 503-normalised', () => {
    expect(distNameOfMetadataDir('pbr-5.11.1.dist-info')).toBe('pbr');
    expect(distNameOfMetadataDir('setuptools_scm-8.0.4.dist-info')).toBe('setuptools-scm');
    expect(distNameOfMetadataDir('pbr-5.11.1-py3.11.egg-info')).toBe('pbr');
    expect(distNameOfMetadataDir('Setuptools_Git.egg-info')).toBe('setuptools-git');
    expect(distNameOfMetadataDir('pbr')).toBeUndefined();
  });

  it('treats top-level metadata and .pth files as metadata, nothing else', () => {
    expect(isMetadataPath('pbr-5.11.1.dist-info/entry_points.txt')).toBe(true);
    expect(isMetadataPath('pbr.egg-info')).toBe(true);
    expect(isMetadataPath('distutils-precedence.pth')).toBe(true);
    expect(isMetadataPath('pbr/entry_points.txt')).toBe(false);
    expect(isMetadataPath('pkg/x.dist-info/a')).toBe(false);
  });

  it('stages a file beside its target under the protocol name', () => {
    expect(stagedPathFor('ab12', 'pbr/core.py')).toBe('pbr/.plugin-settle-new.ab12.core.py');
    expect(stagedPathFor('ab12', 'top.pth')).toBe('.plugin-settle-new.ab12.top.pth');
    expect(isStagingName('.plugin-settle-stage.ab12')).toBe(true);
    expect(isStagingName('.plugin-settle-journal.ab12.json')).toBe(true);
    expect(isStagingName('.plugin-settle-merge')).toBe(false);
  });

  it('accepts only relative paths that stay inside', () => {
    expect(isContainedRelative('a/b.py')).toBe(true);
    expect(isContainedRelative('../../bin/pbr')).toBe(false);
    expect(isContainedRelative('a/../../b')).toBe(false);
    expect(isContainedRelative('/etc/passwd')).toBe(false);
    expect(isContainedRelative('')).toBe(false);
  });
});
