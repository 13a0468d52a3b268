import { describe, expect, it } from 'vitest';
import { installerOfKind, leftoverWhy } from '../../src/audit/leftover-why.js';
import { claimsLeftover } from '../../src/audit/walk.js';

describe('leftovers', () => {
  it('every installer temp name is claimed, ordinary names are not', () => {
    const claimed: Array<[string, boolean]> = [
      ['~br', true],
      ['~br-5.0.dist-info', true],
      ['pip-unpack-abcd1234', true],
      ['.tmpAbC123', true],
      ['mod.py.dpkg-new', false],
      ['mod.py.dpkg-tmp', false],
      ['mod.py;5f2a1b3c', false],
      ['.mod.py._portage_merge_.42', false],
      ['mod.py#new', false],
      ['.abcdef~mod.py.new', false],
      ['.MERGING-pbr', true],
      ['.plugin-settle-new.k3j4.mod.py', false],
      ['.plugin-settle-stage.k3j4', true],
      ['.plugin-settle-journal.k3j4.json', false],
    ];
    for (const [name, isDirectory] of claimed) expect(claimsLeftover(name, isDirectory), name).toBe(true);
    for (const [name, isDirectory] of [
      ['pbr', true],
      ['pbr-5.0.dist-info', true],
      ['mod.py', false],
      ['.libs', true],
      ['pip', true],
    ] as Array<[string, boolean]>)
      expect(claimsLeftover(name, isDirectory), name).toBe(false);
  });

  it('says what each installer’s leftover means for the files around it', () => {
    expect(leftoverWhy('dpkg', '/sp/pbr/version.py.dpkg-new')).toContain(
      '`version.py` may still be the old version',
    );
    expect(leftoverWhy('pip', '/sp/~br-5.0.dist-info')).toContain("a distribution named '~br'");
    expect(leftoverWhy('portage', '/var/db/pkg/dev-python/-MERGING-pbr-5.0')).toContain('re-emerge');
    expect(leftoverWhy('plugin-settle', '/sp/.plugin-settle-journal.k3j4.json')).toContain('merge --recover');
    expect(installerOfKind('portage-temp')).toBe('portage');
    expect(installerOfKind('dpkg-lock')).toBe('dpkg');
  });
});
