import { readFile } from 'node:fs/promises';
import { Ajv, type ErrorObject } from 'ajv';
import type { Report } from '../../src/report/types.js';

// The schema as shipped in the package (package.json "files" and "exports").
const schema = JSON.parse(
  await readFile(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const check = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

/**
 * Throws, listing every violation and the report itself, unless `report` matches
 * schema/report.schema.json. Any suite that writes a report should pass it through here.
 */
export function assertValidReport(report: unknown, where = 'report'): asserts report is Report {
  if (check(report)) return;
  throw new Error(
    `${where} does not match schema/report.schema.json:\n${describe(check.errors ?? [])}\n${JSON.stringify(report, null, 2)}`,
  );
}

/** Reads a report file, parses it and validates it: the drop-in for `JSON.parse(await readFile(file))`. */
export async function readValidReport(file: string): Promise<Report> {
  const report: unknown = JSON.parse(await readFile(file, 'utf8'));
  assertValidReport(report, file);
  return report;
}

/** The violations, one per line, for a test whose report must be invalid. */
export function reportErrors(report: unknown): string[] {
  return check(report) ? [] : describe(check.errors ?? []).split('\n');
}

function describe(errors: ErrorObject[]): string {
  return errors
    .map(
      (error) =>
        `  ${error.instancePath || '/'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`,
    )
    .join('\n');
}
