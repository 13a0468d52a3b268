import type { Frame, LoaderFrame } from './types.js';

interface Site {
  path: RegExp;
  funcs: RegExp;
  module: string;
  /** `outer` is the frame that called this one, when the traceback has it. */
  group: (frame: Frame, outer: Frame | undefined) => string | null;
  /** Tells a same-named function apart by its source line, when the traceback shows it. */
  accepts?: (code: string) => boolean;
}

// pkg_resources has two `resolve`s and two `require`s: EntryPoint's import a plugin, WorkingSet's
// resolve requirements (setup_requires, pkg_resources.require) and are no plugin load by themselves.
const entryPointCall = (code: string) =>
  /__import__|working_set\.resolve\(|self\.resolve\(\)|self\.require\(/.test(code);

const none = () => null;
const fixed = (group: string) => () => group;
// pluggy is told the group by its host, on the calling line: pytest's `load_setuptools_entrypoints("pytest11")`.
const groupArgument = (_frame: Frame, outer: Frame | undefined) =>
  /load_setuptools_entrypoints\(\s*(?:group\s*=\s*)?['"]([^'"]+)['"]/.exec(outer?.code ?? '')?.[1] ?? null;

/** The call that turns an entry point into an imported object. */
const LOAD_CALLS: Site[] = [
  {
    path: /[\\/]pkg_resources[\\/]__init__\.py$/,
    funcs: /^(?:resolve|load|require)$/,
    module: 'pkg_resources',
    group: none,
    accepts: entryPointCall,
  },
  // Listing a group parses every distribution's entry_points.txt: a half-written one fails right here.
  {
    path: /[\\/]pkg_resources[\\/]__init__\.py$/,
    funcs: /^(?:iter_entry_points|get_entry_map|get_entry_info)$/,
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
  // Distribution.__init__ lists the setup keywords every distribution registers (pkg_resources era).
  {
    path: /[\\/]setuptools[\\/]dist\.py$/,
    funcs: /^__init__$/,
    module: 'setuptools.dist',
    group: fixed('distutils.setup_keywords'),
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
    // Setuptools <= 41 loads setup keywords straight from finalize_options; from 42 on, the hooks it loads
    // there go through a <lambda>/<genexpr> frame (matched above), so a direct load here is a keyword.
    group: fixed('distutils.setup_keywords'),
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
    group: groupArgument,
  },
  // `-p name`, PYTEST_PLUGINS and `pytest_plugins` import a module by name, not an entry point; pytest
  // re-raises the failure as `ImportError: Error importing plugin "name": <the original message>`.
  {
    path: /[\\/]_pytest[\\/]config[\\/]__init__\.py$/,
    funcs: /^import_plugin$/,
    module: 'pytest',
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
  if (frame.func === null || !site.funcs.test(frame.func) || !site.path.test(frame.path)) return false;
  return !site.accepts || frame.code === null || site.accepts(frame.code);
}

const describe = (site: Site, frames: Frame[], at: number): LoaderFrame => ({
  frame: `${site.module}:${frames[at]!.func}`,
  group: site.group(frames[at]!, frames[at - 1]),
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
    // Without a load call below it, setuptools' egg_info.run and friends failed for their own reasons
    // unless the source line shows them loading an entry point; a tool's loader frame is telling by itself.
    if (
      site &&
      (call >= 0 || !site.module.startsWith('setuptools.') || LOADING_CODE.test(frames[i]!.code ?? ''))
    )
      return { loader: describe(site, frames, i), pluginStart: Math.max(call, i) + 1 };
  }
  if (call < 0) return null;
  // A bare load call (pkg_resources.require from a script, say): the outermost consecutive one is the entry.
  let outer = call;
  while (outer > 0 && LOAD_CALLS.some((site) => matches(site, frames[outer - 1]!))) outer--;
  const site = LOAD_CALLS.find((candidate) => matches(candidate, frames[outer]!))!;
  return { loader: describe(site, frames, outer), pluginStart: call + 1 };
}
