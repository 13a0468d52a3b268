// @ts-check
// A plugin merged as Portage merges it without merge-wait: under `-MERGING-<pf>` in the vdb, entries in
// naive order (metadata first), a pause, then the code, then the vdb entry renamed into place.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const CATEGORY = 'dev-python';

/** @param {string} name */
const hooks = (name) => `def write(cmd, basename, filename):
    cmd.write_file('${name} marker', filename, '${name} was loaded\\n')
`;

/**
 * @param {{ sitePackages: string, eroot: string }} site
 * @param {import('./plan.js').PluginMerge} plugin
 */
export async function mergePlugin({ sitePackages, eroot }, { name, gapMs }) {
  const vdb = join(eroot, 'var', 'db', 'pkg', CATEGORY);
  const merging = join(vdb, `-MERGING-${name}-1.0`);
  mkdirSync(merging, { recursive: true });
  const info = join(sitePackages, `${name}-1.0-py3.egg-info`);
  mkdirSync(info);
  writeFileSync(join(info, 'PKG-INFO'), `Metadata-Version: 2.1\nName: ${name}\nVersion: 1.0\n`);
  writeFileSync(join(info, 'top_level.txt'), `${name}\n`);
  writeFileSync(join(info, 'entry_points.txt'), `[egg_info.writers]\n${name}.txt = ${name}.hooks:write\n`);
  await sleep(gapMs);
  mkdirSync(join(sitePackages, name));
  writeFileSync(join(sitePackages, name, '__init__.py'), '');
  writeFileSync(join(sitePackages, name, 'hooks.py'), hooks(name));
  writeFileSync(join(merging, 'CONTENTS'), `dir ${info}\nobj ${join(sitePackages, name, 'hooks.py')}\n`);
  renameSync(merging, join(vdb, `${name}-1.0`));
}
