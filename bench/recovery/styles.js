// @ts-check
// The merge styles of the end-to-end race suite (integration/race/styles.ts), as the recovery bench needs
// them: which installer script, the plugin's metadata layout, steps before the race, and pauses.

/** @typedef {{ installer: string, label: string, layout: 'egg-info' | 'dist-info', before: string[], pauseMs?: number, runsCommand: boolean }} Style */

/** @type {Style[]} */
export const STYLES = [
  {
    installer: 'naive',
    label: 'naive metadata-first copy',
    layout: 'egg-info',
    before: [],
    runsCommand: true,
  },
  {
    installer: 'pip_like',
    label: 'pip-like, RECORD last',
    layout: 'dist-info',
    before: [],
    runsCommand: false,
  },
  {
    installer: 'portage_like',
    label: 'Portage-like per-entry rename, `-MERGING-` dir',
    layout: 'egg-info',
    before: [],
    runsCommand: true,
  },
  {
    installer: 'dpkg_like',
    label: 'dpkg-like `.dpkg-new` + rename burst',
    layout: 'egg-info',
    before: [],
    runsCommand: false,
  },
  {
    installer: 'upgrade',
    label: 'pip upgrade, `~xx` stash',
    layout: 'dist-info',
    before: ['old'],
    runsCommand: true,
  },
  {
    installer: 'truncated',
    label: 'truncated `.py`, completed later',
    layout: 'egg-info',
    before: [],
    runsCommand: false,
  },
  {
    installer: 'slow',
    label: 'slow installer, 2 s pause between metadata and code',
    layout: 'egg-info',
    before: [],
    pauseMs: 2000,
    runsCommand: true,
  },
];

/** @type {import('./fixtures.js').PluginGroup[]} */
export const GROUPS = ['egg_info.writers', 'setuptools.file_finders', 'distutils.commands'];
