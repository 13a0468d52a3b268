import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Classification } from '../../src/classify/index.js';

export const CORPUS = new URL('../fixtures/classify/', import.meta.url).pathname;

/** What a fixture's `*.expected.json` states; a key that is absent is not checked. */
export interface Expected {
  category: Classification['category'];
  module?: string | null;
  topLevel?: string | null;
  distribution?: string | null;
  loaderGroup?: string | null;
  /** false: no plugin loader frame may be reported. */
  loader?: boolean;
  /** A path suffix that must be among the implicated files. */
  file?: string;
}

export interface Fixture {
  name: string;
  log: Uint8Array;
  expected: Expected;
}

export function loadCorpus(): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const dir of readdirSync(CORPUS, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(join(CORPUS, dir.name))
      .filter((name) => name.endsWith('.expected.json'))
      .sort()) {
      const base = join(CORPUS, dir.name, file.replace(/\.expected\.json$/, ''));
      fixtures.push({
        name: relative(CORPUS, base),
        log: new Uint8Array(readFileSync(`${base}.log`)),
        expected: JSON.parse(readFileSync(`${base}.expected.json`, 'utf8')).expected,
      });
    }
  }
  return fixtures;
}

/** The fields of a classification that an expectation names, for one readable toEqual. */
export function comparable(c: Classification, expected: Expected): Record<string, unknown> {
  const seen: Record<string, unknown> = { category: c.category };
  if ('module' in expected) seen.module = c.module;
  if ('topLevel' in expected) seen.topLevel = c.topLevel;
  if ('distribution' in expected) seen.distribution = c.distribution;
  if ('loaderGroup' in expected) seen.loaderGroup = c.loader?.group ?? null;
  if ('loader' in expected) seen.loader = c.loader !== null;
  if (expected.file !== undefined)
    seen.file = c.files.find((path) => path.endsWith(expected.file!)) ? expected.file : c.files;
  return seen;
}

export function wanted(expected: Expected): Record<string, unknown> {
  const { category, module, topLevel, distribution, loaderGroup, loader, file } = expected;
  const all: Record<string, unknown> = {
    category,
    module,
    topLevel,
    distribution,
    loaderGroup,
    loader,
    file,
  };
  return Object.fromEntries(Object.entries(all).filter(([key]) => key === 'category' || key in expected));
}
