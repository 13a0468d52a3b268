import { distributionFromPath } from './paths.js';
import type { Category, PythonException } from './types.js';

export interface Reading {
  category: Category;
  module: string | null;
  distribution: string | null;
  /** Paths named by the message itself. */
  files: string[];
}

// Absolute POSIX or Windows paths only: a bytes repr such as b'\x00\x00' is no path.
const QUOTED_PATH = /'((?:\/|[A-Za-z]:\\)[^']*)'/g;
const PAREN_PATH = /\(((?:\/|[A-Za-z]:\\)[^()]*\.py[cw]?)\)/g;

function pathsIn(message: string): string[] {
  const paths = [...message.matchAll(QUOTED_PATH), ...message.matchAll(PAREN_PATH)].map((m) => m[1]!);
  const py2Magic = /^Bad magic number in (.+\.py[co])$/.exec(message)?.[1];
  return py2Magic ? [py2Magic, ...paths] : paths;
}

const name = (type: string) => type.slice(type.lastIndexOf('.') + 1);
const reading = (category: Category, module: string | null = null, distribution: string | null = null) => ({
  category,
  module,
  distribution,
});

// Quoted names are Python 3 (`No module named 'a.b'`); Python 2 and 3.3 print the bare, last component.
const NO_MODULE = /No module named (?:'([\w.]+)'|([\w.]+))/;
const CANNOT_IMPORT = /cannot import name '?(\w+)'?(?: from (?:partially initialized module )?'([\w.]+)')?/;
const NO_ATTRIBUTE = /(?:partially initialized )?module '([\w.]+)'(?: from '[^']*')? has no attribute/;
const CORRUPT_BYTECODE =
  /bad marshal data|marshal data too short|EOF read where (?:object|not) expected|bad magic number in|reached EOF while reading (?:pyc header|timestamp)/i;
const BYTECODE_MODULE = /(?:bad magic number in|pyc header of|timestamp in) '([\w.]+)'/i;
const NULL_BYTES = /source code string cannot contain null bytes/;
const BAD_ENTRY_POINTS = /Invalid section heading|EntryPoint must be in '?name=module:attrs/;
const DISTRIBUTION_NOT_FOUND = /The '([A-Za-z0-9][\w.-]*)[^']*' distribution was not found/;
const PACKAGE_NOT_FOUND = /^(?:No package metadata was found for )?([A-Za-z0-9][\w.-]*)$/;
const REQUIREMENT = /Requirement\.parse\('([A-Za-z0-9][\w.-]*)|is installed but ([A-Za-z0-9][\w.-]*)/;
const MISSING_VERSION = /Missing 'Version:' header and\/or (?:METADATA|PKG-INFO) file/;

/** The category and names that the final exception alone supports; frames refine it in index.ts. */
export function readException(exception: PythonException): Reading & { syntax: boolean } {
  const type = name(exception.type);
  const { message } = exception;
  const files = pathsIn(message);
  const base = (r: ReturnType<typeof reading>) => ({ ...r, files, syntax: false });

  if (type === 'ValueError' && BAD_ENTRY_POINTS.test(message)) return base(reading('bad-entry-points'));
  if (CORRUPT_BYTECODE.test(message) && /^(?:EOFError|ValueError|ImportError)$/.test(type)) {
    return base(reading('corrupt-bytecode', BYTECODE_MODULE.exec(message)?.[1] ?? null));
  }
  if (/^(?:SyntaxError|IndentationError|TabError)$/.test(type) || NULL_BYTES.test(message)) {
    return { ...reading('truncated-source'), files, syntax: true };
  }
  const metadata = readMetadata(type, message, files);
  if (metadata) return base(metadata);
  const missing = NO_MODULE.exec(message);
  if (missing) {
    const flake8Plugin = /failed to load plugin "([^"]+)"/.exec(message)?.[1] ?? null;
    return base(reading('missing-module', missing[1] ?? missing[2]!, flake8Plugin));
  }
  if (/^(?:ImportError|AttributeError)$/.test(type)) {
    const cannot = CANNOT_IMPORT.exec(message);
    if (cannot) return base(reading('missing-name', cannot[2] ?? null));
    const attribute = NO_ATTRIBUTE.exec(message);
    if (attribute) return base(reading('missing-name', attribute[1]!));
    // Python 2 names no module here; only a plugin loader frame makes it worth a look (index.ts).
    if (/^'module' object has no attribute/.test(message)) return base(reading('missing-name'));
  }
  return base(reading('unrelated'));
}

function readMetadata(type: string, message: string, files: string[]): ReturnType<typeof reading> | null {
  if (type === 'DistributionNotFound')
    return reading('missing-metadata', null, DISTRIBUTION_NOT_FOUND.exec(message)?.[1] ?? null);
  if (type === 'PackageNotFoundError')
    return reading('missing-metadata', null, PACKAGE_NOT_FOUND.exec(message)?.[1] ?? null);
  if (/VersionConflict$/.test(type)) {
    const requirement = REQUIREMENT.exec(message);
    return reading('missing-metadata', null, requirement?.[1] ?? requirement?.[2] ?? null);
  }
  if (/^(?:FileNotFoundError|IOError|OSError|NotADirectoryError)$/.test(type)) {
    const metadataFile = files.find((file) => distributionFromPath(file) !== null);
    return metadataFile ? reading('missing-metadata', null, distributionFromPath(metadataFile)) : null;
  }
  if (type === 'ValueError' && MISSING_VERSION.test(message)) {
    const dir = files.find((file) => distributionFromPath(file) !== null);
    return reading('missing-metadata', null, dir ? distributionFromPath(dir) : null);
  }
  return null;
}
