import { readException } from './category.js';
import { findLoader } from './loader.js';
import { isPseudoPath, isSitePackagesPath, moduleFromPath } from './paths.js';
import type { Classification, Frame, LoaderFrame, Traceback } from './types.js';

/** Nothing points at a half-installed plugin. Spread it: callers get their own `files` array. */
export const UNRELATED: Classification = {
  category: 'unrelated',
  exception: null,
  module: null,
  topLevel: null,
  distribution: null,
  files: [],
  loader: null,
};

/** One traceback's reading: category from the exception, refined by the frames and paths around it. */
export function fromTraceback(traceback: Traceback): Classification {
  const { exception, frames } = traceback;
  const read = readException(exception);
  const found = findLoader(frames);
  const loader: LoaderFrame | null = found?.loader ?? null;
  let category = read.category;
  let module = read.module;
  const syntaxFile = read.syntax ? syntaxLocation(frames) : null;

  if (read.syntax) {
    // A syntax error counts only in an installed file; in the project's own code it is simply a bug.
    const installed = syntaxFile !== null ? isSitePackagesPath(syntaxFile) : loader !== null;
    if (!installed) category = 'unrelated';
  }
  if (category === 'corrupt-bytecode' && read.files.length > 0 && !read.files.some(isSitePackagesPath)) {
    // A bad .pyc in the project's own tree (build/, a stale checkout) is no merge race (research §6.5).
    category = 'unrelated';
  }
  if (
    category === 'missing-name' &&
    module === null &&
    exception.type.endsWith('AttributeError') &&
    !loader
  ) {
    category = 'unrelated';
  }
  if (category === 'unrelated' && /TypeError$/.test(exception.type) && raisedInMetadataReader(frames)) {
    category = 'missing-metadata';
  }
  if (category === 'unrelated' && brokenEntryPointValue(exception.message, frames))
    category = 'bad-entry-points';
  if (category === 'unrelated') return { ...UNRELATED, exception, files: [], loader };

  const files = implicatedFiles(read.files, syntaxFile, frames, found?.pluginStart ?? null);
  if (module === null && (category === 'truncated-source' || category === 'corrupt-bytecode')) {
    module = files.map((file) => moduleFromPath(file)).find((name) => name !== null) ?? null;
  }
  return {
    category,
    exception,
    module,
    topLevel: module?.split('.')[0] ?? null,
    distribution: read.distribution,
    files,
    loader,
  };
}

// importlib.metadata on 3.8/3.9 trips over an empty *.egg-info on sys.path (pypa/pyproject-hooks#206), and
// stevedore over its own half-written entry-point cache: a TypeError raised inside the metadata reader.
const METADATA_READER = /[\\/](?:importlib[\\/]metadata|importlib_metadata|stevedore[\\/]_cache)/;
const HELPER = /^<frozen|[\\/](?:re|posixpath|pathlib|csv|configparser)\.py$|[\\/](?:re|email)[\\/]/;

function raisedInMetadataReader(frames: Frame[]): boolean {
  const raiser = frames.findLast((frame) => !HELPER.test(frame.path));
  return raiser !== undefined && METADATA_READER.test(raiser.path);
}

// importlib.metadata's EntryPoint.load matches the value with a regex and calls `.group()` on the result:
// a value cut mid-write (`demo = pkg.mod:`) dies inside load itself, as an AttributeError on None.
function brokenEntryPointValue(message: string, frames: Frame[]): boolean {
  const innermost = frames.at(-1);
  return (
    message.startsWith("'NoneType' object has no attribute 'group'") &&
    innermost !== undefined &&
    innermost.func === 'load' &&
    /[\\/]importlib(?:_metadata|[\\/]metadata)[\\/]__init__\.py$/.test(innermost.path)
  );
}

function syntaxLocation(frames: Frame[]): string | null {
  const last = frames.at(-1);
  return last && last.func === null && !isPseudoPath(last.path) ? last.path : null;
}

const TOOLING =
  /[\\/](?:setuptools|pkg_resources|distutils|_distutils|pip|importlib|pyproject_hooks|pep517)[\\/]/;

function implicatedFiles(
  fromMessage: string[],
  syntaxFile: string | null,
  frames: Frame[],
  pluginStart: number | null,
) {
  // Below the loader every frame is the plugin's own code; without a loader only installed, non-tooling files.
  const framePaths =
    pluginStart !== null
      ? frames
          .slice(pluginStart)
          .map((frame) => frame.path)
          .filter((path) => !TOOLING.test(path))
      : frames.map((frame) => frame.path).filter((path) => isSitePackagesPath(path) && !TOOLING.test(path));
  const all = [...fromMessage, ...(syntaxFile ? [syntaxFile] : []), ...framePaths.reverse()];
  return [...new Set(all.filter((path) => !isPseudoPath(path)))];
}
