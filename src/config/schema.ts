import { RUN_SETTINGS, type RunSetting } from './run-options.js';

/** A duration string the CLI accepts: `750`, `750ms`, `2s`, `1.5s`. */
const DURATION_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$';

/** JSON Schema (draft-07) of a config file's settings, made from the same table as the CLI flags. */
export function configSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = { $schema: { type: 'string' } };
  for (const setting of RUN_SETTINGS) properties[setting.key] = valueSchema(setting);
  return { type: 'object', properties, additionalProperties: false };
}

function valueSchema(setting: RunSetting): Record<string, unknown> {
  // A pattern, not minLength: minLength needs ajv's runtime in the precompiled validator.
  const path = { type: 'string', pattern: '\\S' };
  switch (setting.kind) {
    case 'path':
    case 'command':
      return path;
    case 'paths':
      return { anyOf: [path, { type: 'array', items: path }] };
    case 'duration':
      return {
        anyOf: [
          { type: 'number', minimum: 0 },
          { type: 'string', pattern: DURATION_PATTERN },
        ],
      };
    case 'count':
      return { type: 'integer', minimum: 0 };
    case 'choice':
      return { enum: [...(setting.choices ?? [])] };
    case 'boolean':
      return { type: 'boolean' };
  }
}
