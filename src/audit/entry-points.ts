import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import { metadataDistribution } from '../watch/names.js';
import { entryPointWhy } from './entry-point-why.js';
import { type DeclaredEntryPoint, parseEntryPoints } from './entry-points-file.js';
import { readSmallText } from './read-file.js';
import { SPEC_PROBE } from './spec-probe.js';
import type { EntryPointDetail, Finding } from './types.js';

interface Declared extends DeclaredEntryPoint {
  root: string;
  metadata: string;
}

interface ProbeResult {
  missing: string | null;
  attribute?: EntryPointDetail['attributeCheck'];
  error?: string | null;
}

/**
 * Every entry point of every distribution in the roots whose module cannot be found, asked of the
 * interpreter in one process that never imports plugin code unless `importModules` (then missing or
 * failing attributes too). Throws when the interpreter cannot answer: the caller warns.
 */
export async function findBrokenEntryPoints(
  python: string,
  metadataByRoot: ReadonlyArray<{ root: string; metadata: readonly string[] }>,
  importModules: boolean,
): Promise<Finding[]> {
  const declared: Declared[] = [];
  for (const { root, metadata } of metadataByRoot) {
    for (const dir of metadata) {
      const text = readSmallText(`${dir}/entry_points.txt`);
      if (text === null) continue;
      for (const entry of parseEntryPoints(text)) declared.push({ ...entry, root, metadata: dir });
    }
  }
  if (declared.length === 0) return [];
  const keyOf = (entry: Declared) => `${entry.root}\0${entry.module}\0${entry.attribute ?? ''}`;
  const unique = [...new Map(declared.map((entry) => [keyOf(entry), entry])).values()];
  const requests = unique.map(({ root, module, attribute }) => ({ root, module, attribute }));
  // A file, not stdin: the caller's synchronous walk would hold a large stdin write back meanwhile.
  const input = join(tmpdir(), `plugin-settle-audit-${process.pid}-${Date.now()}.json`);
  writeFileSync(input, JSON.stringify({ requests, import: importModules }));
  const result = await execa(python, ['-c', SPEC_PROBE, input], {
    reject: false,
    timeout: 120_000,
    stdin: 'ignore',
  }).finally(() => rmSync(input, { force: true }));
  let answers: ProbeResult[];
  try {
    answers = JSON.parse(result.stdout) as ProbeResult[];
  } catch {
    const why = result.stderr.trim().split('\n').pop() || result.shortMessage;
    throw new Error(`cannot ask ${python} where the entry points' modules are: ${why}`);
  }
  const byKey = new Map(unique.map((entry, index) => [keyOf(entry), answers[index]!]));
  const findings: Finding[] = [];
  for (const entry of declared) {
    const answer = byKey.get(keyOf(entry))!;
    const finding = toFinding(entry, answer, importModules);
    if (finding) findings.push(finding);
  }
  return findings;
}

function toFinding(entry: Declared, answer: ProbeResult, importModules: boolean): Finding | null {
  const attributeCheck: EntryPointDetail['attributeCheck'] = importModules
    ? (answer.attribute ?? 'not-checked')
    : 'not-checked';
  const brokenAttribute = attributeCheck === 'missing' || attributeCheck === 'import-failed';
  if (answer.missing === null && !brokenAttribute) return null;
  const failure =
    answer.missing !== null
      ? `ModuleNotFoundError (${answer.missing})`
      : attributeCheck === 'missing'
        ? `AttributeError (${answer.error})`
        : `an import error (${answer.error})`;
  const installer = readInstaller(entry.metadata);
  return {
    kind: 'entry-point',
    path: `${entry.metadata}/entry_points.txt`,
    distribution: metadataDistribution(basename(entry.metadata)) ?? basename(entry.metadata),
    installer,
    breaks: true,
    why: entryPointWhy(entry.group, entry.name, failure),
    entryPoint: {
      group: entry.group,
      name: entry.name,
      value: entry.value,
      module: entry.module,
      attribute: entry.attribute,
      missing: answer.missing,
      attributeCheck,
      importError: answer.error ?? null,
    },
    fix: null,
  };
}

function readInstaller(metadata: string): string | null {
  try {
    return readFileSync(`${metadata}/INSTALLER`, 'utf8').trim() || null;
  } catch {
    return null;
  }
}
