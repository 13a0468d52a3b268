import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';

// The schema as shipped in the package (package.json "files" and "exports").
const schema = JSON.parse(
  await readFile(new URL('../../schema/audit.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const check = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

/** Parses `audit --json` output, throwing with every violation unless it matches the shipped schema. */
export function parseValidAudit(stdout: string): AuditJson {
  const lines = stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`audit --json printed ${lines.length} lines:\n${stdout}`);
  const report: unknown = JSON.parse(lines[0]!);
  if (!check(report))
    throw new Error(
      `audit --json does not match schema/audit.schema.json:\n${JSON.stringify(check.errors, null, 2)}\n${stdout}`,
    );
  return report as AuditJson;
}

export interface AuditJson {
  roots: string[];
  attributes: string;
  breaks: boolean;
  findings: Array<{
    kind: string;
    path: string;
    distribution: string | null;
    installer: string | null;
    breaks: boolean;
    why: string;
    paths?: string[];
    stale?: boolean;
    entryPoint?: {
      group: string;
      name: string;
      module: string;
      missing: string | null;
      attributeCheck: string;
    };
    fix: { owner: string; action: string } | null;
  }>;
  fix?: {
    steps: Array<{ action: string; path: string; owner: string; detail: string }>;
    breaksAfter: boolean;
  };
}
