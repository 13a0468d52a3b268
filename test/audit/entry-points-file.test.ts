import { describe, expect, it } from 'vitest';
import { parseEntryPoints } from '../../src/audit/entry-points-file.js';

describe('parseEntryPoints', () => {
  it('reads groups, names, modules and attributes as importlib.metadata does', () => {
    const text = [
      '# a comment',
      '[console_scripts]',
      'pbr = pbr.cmd.main:main',
      '',
      '[egg_info.writers]',
      'pbr.json = pbr.pbr_json:write_pbr_json [extra]',
      'plain = pbr.hooks',
      '[distutils.setup_keywords]',
      'pbr=pbr.core:pbr',
    ].join('\r\n');
    expect(parseEntryPoints(text)).toEqual([
      {
        group: 'console_scripts',
        name: 'pbr',
        value: 'pbr.cmd.main:main',
        module: 'pbr.cmd.main',
        attribute: 'main',
      },
      {
        group: 'egg_info.writers',
        name: 'pbr.json',
        value: 'pbr.pbr_json:write_pbr_json [extra]',
        module: 'pbr.pbr_json',
        attribute: 'write_pbr_json',
      },
      { group: 'egg_info.writers', name: 'plain', value: 'pbr.hooks', module: 'pbr.hooks', attribute: null },
      {
        group: 'distutils.setup_keywords',
        name: 'pbr',
        value: 'pbr.core:pbr',
        module: 'pbr.core',
        attribute: 'pbr',
      },
    ]);
  });

  it('leaves out lines outside a section and values that are not dotted names', () => {
    expect(parseEntryPoints('orphan = a.b:c\n[g]\nbad = not a module:x\nworse\n')).toEqual([]);
  });
});
