import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import generated from '../../src/config/config-validator.js';
import { validatorSource } from '../../src/config/generate-validator.js';
import { configSchema } from '../../src/config/schema.js';

const FILE = fileURLToPath(new URL('../../src/config/config-validator.js', import.meta.url));
const BIOME = fileURLToPath(new URL('../../node_modules/.bin/biome', import.meta.url));

/** The generator's output as the repository's formatter would leave it. */
function formatted(source: string): string {
  return execFileSync(BIOME, ['format', `--stdin-file-path=${FILE}`], { input: source, encoding: 'utf8' });
}

describe('the precompiled config validator', () => {
  it('is what ajv makes of the current schema (UPDATE_GENERATED=1 rewrites it)', () => {
    const wanted = formatted(validatorSource());
    if (process.env.UPDATE_GENERATED === '1') writeFileSync(FILE, wanted);
    expect(
      readFileSync(FILE, 'utf8'),
      'src/config/config-validator.js is stale: rerun with UPDATE_GENERATED=1',
    ).toBe(wanted);
  });

  it('judges like ajv compiling the schema now', () => {
    const fresh = new Ajv({ strict: true }).compile(configSchema());
    const check = generated as unknown as (data: unknown) => boolean;
    const samples: unknown[] = [
      {},
      { retries: 2, settle: '2s', watch: ['a', 'b'], evidence: 'any', hold: true },
      { retries: -1 },
      { retries: 1.5 },
      { settle: '2 min' },
      { settle: 1.5 },
      { watch: '' },
      { watch: [1] },
      { python: ' ' },
      { evidence: 'some' },
      { quiet: 'yes' },
      { unknown: 1 },
      { $schema: 'x' },
      [],
      null,
      'retries',
    ];
    for (const sample of samples) expect(check(sample), JSON.stringify(sample)).toBe(fresh(sample));
  });
});
