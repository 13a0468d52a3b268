import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { configSchema } from './schema.js';

/**
 * The config-file validator as ajv compiles it, emitted as a standalone ES module
 * (src/config/config-validator.js, committed): `run` with a config file then pays neither for
 * importing ajv nor for compiling the schema. test/config/validator.test.ts keeps the file current.
 */
export function validatorSource(): string {
  const ajv = new Ajv({ allErrors: false, strict: true, code: { source: true, esm: true, lines: true } });
  // CommonJS seen from ESM: the module object, whose `default` is the function.
  const code = standalone.default(ajv, ajv.compile(configSchema()));
  if (/\brequire\(/.test(code))
    throw new Error('the config validator needs ajv at run time; keep the schema simpler');
  return `// Generated from src/config/schema.ts by src/config/generate-validator.ts: do not edit.\n// biome-ignore-all lint: generated code\n${code}\n`;
}
