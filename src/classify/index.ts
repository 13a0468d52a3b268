import { readException } from './category.js';
import { fromTraceback, UNRELATED } from './reading.js';
import { logicalLines, tailText } from './text.js';
import { parseTracebacks } from './traceback.js';
import type { Classification, Traceback } from './types.js';

export { describeClassification } from './describe.js';
export { raceEvidenceHint } from './hint.js';
export { filesUnderRoots, isSitePackagesPath, moduleFromPath } from './paths.js';
export { TAIL_LIMIT } from './text.js';
export type { Category, Classification, LoaderFrame, PythonException } from './types.js';

// distutils ends a build with `error: <text>`; pip's own trailer uses kebab-case codes after the traceback.
const DISTUTILS_ERROR = /^error: (?![a-z0-9]+(?:-[a-z0-9]+)*\s*$)/;

/** Reads the output tail of a failed Python build and names the import failure in it. Pure; never throws. */
export function classify(output: string | Uint8Array): Classification {
  try {
    const lines = logicalLines(tailText(output));
    const tracebacks = parseTracebacks(lines);
    const last = tracebacks.at(-1);
    // A distutils `error:` after the last traceback means the build went on and ended on that error instead.
    const endedBy = lines.slice(last ? last.end + 1 : 0).findLast((line) => DISTUTILS_ERROR.test(line));
    if (endedBy !== undefined) return fromDistutilsError(endedBy.slice('error: '.length).trim());
    if (!last) return { ...UNRELATED, files: [] };
    return fromChain(chainOf(tracebacks));
  } catch {
    return { ...UNRELATED, files: [] };
  }
}

// distutils prints the OSError that ended a command as `error: [Errno 2] …: '<path>'`, with no traceback;
// Python 2 setuptools reports a dist-info without METADATA that way.
function fromDistutilsError(message: string): Classification {
  const exception = { type: 'error', message };
  if (!/^\[Errno \d+\]/.test(message)) return { ...UNRELATED, exception, files: [] };
  const read = readException({ type: 'OSError', message });
  if (read.category !== 'missing-metadata') return { ...UNRELATED, exception, files: [] };
  return {
    ...UNRELATED,
    category: read.category,
    exception,
    distribution: read.distribution,
    files: read.files,
  };
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
