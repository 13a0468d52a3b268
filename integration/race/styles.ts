import type { PluginGroup } from '../support/index.js';
import type { InstallerStyle } from './installer.js';

export interface Style {
  installer: InstallerStyle;
  layout: 'egg-info' | 'dist-info';
  /** Steps before the race (the version an upgrade replaces). */
  before: string[];
  /** The failure the unwrapped build must die of, proving the race happened. */
  error: RegExp;
  category: string;
  /** Merge kinds the first attempt's evidence must name (beyond relevant changes). */
  merges: string[];
  /** The wait must outlast the settle time: the installer pauses this long after the wrapper waits. */
  pauseMs?: number;
  /** Whether the build runs the plugin's own command (distutils.commands, loaded first, at parse time). */
  runsCommand: boolean;
}

export const GROUPS: PluginGroup[] = ['egg_info.writers', 'setuptools.file_finders', 'distutils.commands'];

const MISSING = /No module named '?racyplug/;

export const STYLES: Record<InstallerStyle, Style> = {
  naive: {
    installer: 'naive',
    layout: 'egg-info',
    before: [],
    error: MISSING,
    category: 'missing-module',
    merges: [],
    runsCommand: true,
  },
  pip_like: {
    installer: 'pip_like',
    layout: 'dist-info',
    before: [],
    error: MISSING,
    category: 'missing-module',
    merges: [],
    runsCommand: false,
  },
  portage_like: {
    installer: 'portage_like',
    layout: 'egg-info',
    before: [],
    error: MISSING,
    category: 'missing-module',
    merges: ['portage', 'portage-lock'],
    runsCommand: true,
  },
  dpkg_like: {
    installer: 'dpkg_like',
    layout: 'egg-info',
    before: [],
    error: MISSING,
    category: 'missing-module',
    merges: ['dpkg'],
    runsCommand: false,
  },
  upgrade: {
    installer: 'upgrade',
    layout: 'dist-info',
    before: ['old'],
    error: MISSING,
    category: 'missing-module',
    merges: ['pip'],
    runsCommand: true,
  },
  truncated: {
    installer: 'truncated',
    layout: 'egg-info',
    before: [],
    error: /SyntaxError|unterminated triple-quoted|EOF while scanning/,
    category: 'truncated-source',
    merges: [],
    runsCommand: false,
  },
  slow: {
    installer: 'slow',
    layout: 'egg-info',
    before: [],
    error: MISSING,
    category: 'missing-module',
    merges: ['pip'],
    pauseMs: 2000,
    runsCommand: true,
  },
};
