import { readException } from './category.js';
import { findLoader } from './loader.js';
import { isPseudoPath, isSitePackagesPath, moduleFromPath } from './paths.js';
import { logicalLines, tailText } from './text.js';
import { parseTracebacks } from './traceback.js';
import type { Classification, Frame, LoaderFrame, Traceback } from './types.js';

export { describeClassification } from './describe.js';
export { raceEvidenceHint } from './hint.js';
export { isSitePackagesPath, moduleFromPath } from './paths.js';
export { TAIL_LIMIT } from './text.js';
export type { Category, Classification, LoaderFrame, PythonException } from './types.js';

const UNRELATED: Classification = {
  category: 'unrelated',
  exception: null,
  module: null,
  topLevel: null,
  distribution: null,
  files: [],
  loader: null,
};

// distutils ends a build with `error: <text>`; pip's own trailer uses kebab-case codes after the traceback.
const DISTUTILS_ERROR = /^error: (?![a-z0-9]+(?:-[a-z0-9]+)*\s*$)/;
// importlib.metadata on 3.8/3.9 trips over an empty *.egg-info on sys.path (pypa/pyproject-hooks#206).
const METADATA_READER = /[\\/](?:importlib[\\/]metadata|importlib_metadata|stevedore[\\/]_cache)/;

/** Reads the output tail of a failed Python build and names the import failure in it. Pure; never throws. */
export function classify(output: string | Uint8Array): Classification {
  try {
    const lines = logicalLines(tailText(output));
    const tracebacks = parseTracebacks(lines);
    const last = tracebacks.at(-1);
    if (!last) return { ...UNRELATED, files: [] };
    if (lines.slice(last.end + 1).some((line) => DISTUTILS_ERROR.test(line))) {
      // The build went on after this traceback and ended on a distutils error of its own.
      return { ...UNRELATED, exception: null, files: [] };
    }
    return fromChain(chainOf(tracebacks));
  } catch {
    return { ...UNRELATED, files: [] };
  }
}

/** The last traceback and the ones it was chained to, newest first. */
function chainOf(tracebacks: Traceback[]): Traceback[] {
  const chain: Traceback[] = [];
  for (let i = tracebacks.length - 1; i >= 0; i--) {
    chain.push(tracebacks[i]!);
    if (tracebacks[i]!.chainedTo === null) break;
  }
  return chain;
}

function fromChain(chain: Traceback[]): Classification {
  const readings = chain.map((traceback) => fromTraceback(traceback));
  const chosen = readings.find((reading) => reading.category !== 'unrelated') ?? readings[0]!;
  if (chosen.loader) return chosen;
  // A wrapper (flake8, sphinx) loads the plugin in one traceback and reports it in another.
  const loader = readings.find((reading) => reading.loader)?.loader ?? null;
  return { ...chosen, loader };
}

function fromTraceback(traceback: Traceback): Classification {
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
  if (
    category === 'missing-name' &&
    module === null &&
    exception.type.endsWith('AttributeError') &&
    !loader
  ) {
    category = 'unrelated';
  }
  if (
    category === 'unrelated' &&
    /TypeError$/.test(exception.type) &&
    frames.some((f) => METADATA_READER.test(f.path))
  ) {
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
