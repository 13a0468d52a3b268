import type { Frame, LoaderFrame } from './types.js';

interface Site {
  path: RegExp;
  funcs: RegExp;
  module: string;
  group: (frame: Frame) => string | null;
}

const none = () => null;
const fixed = (group: string) => () => group;

/** The call that turns an entry point into an imported object. */
const LOAD_CALLS: Site[] = [
  {
    path: /[\\/]pkg_resources[\\/]__init__\.py$/,
    funcs: /^(?:resolve|load|require)$/,
    module: 'pkg_resources',
    group: none,
  },
  {
    path: /[\\/]importlib[\\/]metadata(?:[\\/]__init__)?\.py$/,
    funcs: /^load$/,
    module: 'importlib.metadata',
    group: none,
  },
  {
    path: /[\\/]importlib_metadata[\\/]__init__\.py$/,
    funcs: /^load$/,
    module: 'importlib_metadata',
    group: none,
  },
];

// Setuptools' own code shows the group only by where it loads; 40.x loads setup keywords straight from
// finalize_options, later versions load finalize_distribution_options hooks there through a lambda/genexpr.
const finalizeOptions = (frame: Frame) =>
  /ep\.name|value/.test(frame.code ?? '')
    ? 'distutils.setup_keywords'
    : 'setuptools.finalize_distribution_options';

/** The code that decides which plugins to load; the innermost one seen names the group. */
const CALLERS: Site[] = [
  {
    path: /[\\/]setuptools[\\/]command[\\/]egg_info\.py$/,
    funcs: /^run$/,
    module: 'setuptools.command.egg_info',
    group: fixed('egg_info.writers'),
  },
  {
    path: /[\\/]setuptools[\\/]command[\\/]sdist\.py$/,
    funcs: /^walk_revctrl$/,
    module: 'setuptools.command.sdist',
    group: fixed('setuptools.file_finders'),
  },
  {
    path: /[\\/]setuptools[\\/]dist\.py$/,
    funcs: /^_finalize_setup_keywords$/,
    module: 'setuptools.dist',
    group: fixed('distutils.setup_keywords'),
  },
  {
    path: /[\\/]setuptools[\\/]dist\.py$/,
    funcs: /^(?:<lambda>|<genexpr>)$/,
    module: 'setuptools.dist',
    group: fixed('setuptools.finalize_distribution_options'),
  },
  {
    path: /[\\/]setuptools[\\/]dist\.py$/,
    funcs: /^finalize_options$/,
    module: 'setuptools.dist',
    group: finalizeOptions,
  },
  {
    path: /[\\/]setuptools[\\/]dist\.py$/,
    funcs: /^(?:get_command_class|print_commands|get_command_list)$/,
    module: 'setuptools.dist',
    group: fixed('distutils.commands'),
  },
  {
    path: /[\\/]pluggy[\\/]_?manager\.py$/,
    funcs: /^load_setuptools_entrypoints$/,
    module: 'pluggy',
    group: none,
  },
  {
    path: /[\\/]stevedore[\\/]extension\.py$/,
    funcs: /^_load_(?:one_plugin|plugins)$/,
    module: 'stevedore',
    group: none,
  },
  {
    path: /[\\/]flake8[\\/]plugins[\\/]finder\.py$/,
    funcs: /^(?:_load_plugin|_import_plugins|load_plugins)$/,
    module: 'flake8',
    group: none,
  },
  {
    path: /[\\/]sphinx[\\/]registry\.py$/,
    funcs: /^load_extension$/,
    module: 'sphinx.registry',
    group: none,
  },
  {
    path: /[\\/]sphinx[\\/]registry\.py$/,
    funcs: /^preload_builder$/,
    module: 'sphinx.registry',
    group: fixed('sphinx.builders'),
  },
  {
    path: /[\\/]sphinx[\\/]theming\.py$/,
    funcs: /^_load_entry_point_themes$/,
    module: 'sphinx.theming',
    group: fixed('sphinx.html_themes'),
  },
  {
    path: /[\\/]pdm[\\/]backend[\\/]base\.py$/,
    funcs: /^get_hooks$/,
    module: 'pdm.backend',
    group: fixed('pdm.build.hook'),
  },
  {
    path: /[\\/]scikit_build_core[\\/]/,
    funcs: /^(?:_get_entry_point_search_path|_load_group|load_provider)$/,
    module: 'scikit_build_core',
    group: none,
  },
  {
    path: /[\\/](?:vcs_versioning|setuptools_scm)[\\/]_file_finders[\\/]__init__\.py$/,
    funcs: /^find_files$/,
    module: 'setuptools_scm',
    group: fixed('setuptools_scm.files_command'),
  },
  {
    path: /[\\/](?:vcs_versioning|setuptools_scm)[\\/]_entrypoints\.py$/,
    funcs: /^_get_ep$/,
    module: 'setuptools_scm',
    group: none,
  },
];

const LOADING_CODE = /\bep\.|\.load\(\)|\.resolve\(\)|entry_points|iter_entry_points/;

function matches(site: Site, frame: Frame): boolean {
  return frame.func !== null && site.funcs.test(frame.func) && site.path.test(frame.path);
}

const describe = (site: Site, frame: Frame): LoaderFrame => ({
  frame: `${site.module}:${frame.func}`,
  group: site.group(frame),
});

/**
 * The plugin-loading frame of a traceback (outermost frame first) and the index of the innermost
 * frame that belongs to the loading machinery: frames below it are the plugin's own code.
 */
export function findLoader(frames: Frame[]): { loader: LoaderFrame; pluginStart: number } | null {
  let call = -1;
  for (let i = frames.length - 1; i >= 0 && call < 0; i--) {
    if (LOAD_CALLS.some((site) => matches(site, frames[i]!))) call = i;
  }
  const searchFrom = call >= 0 ? call : frames.length - 1;
  for (let i = searchFrom; i >= 0; i--) {
    const site = CALLERS.find((candidate) => matches(candidate, frames[i]!));
    // Without a load call below it, egg_info.run and friends failed for their own reasons unless the
    // source line shows them loading an entry point.
    if (site && (call >= 0 || LOADING_CODE.test(frames[i]!.code ?? '')))
      return { loader: describe(site, frames[i]!), pluginStart: Math.max(call, i) + 1 };
  }
  if (call < 0) return null;
  // A bare load call (pkg_resources.require from a script, say): the outermost consecutive one is the entry.
  let outer = call;
  while (outer > 0 && LOAD_CALLS.some((site) => matches(site, frames[outer - 1]!))) outer--;
  const site = LOAD_CALLS.find((candidate) => matches(candidate, frames[outer]!))!;
  return { loader: describe(site, frames[outer]!), pluginStart: call + 1 };
}
