import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { UsageError } from '../../src/errors.js';

// The loader's own logic is parsing and validation; a real temp dir keeps ajv's lazy import honest.
let repo: string;
beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'ps-config-'));
  await mkdir(join(repo, '.git'));
  await mkdir(join(repo, 'sub'));
});
afterAll(() => rm(repo, { recursive: true, force: true }));

async function load(text: string, name = 'plugin-settle.config.json') {
  await rm(join(repo, 'plugin-settle.config.json'), { force: true });
  await rm(join(repo, 'package.json'), { force: true });
  await rm(join(repo, 'pyproject.toml'), { force: true });
  await writeFile(join(repo, name), text);
  return loadConfig(join(repo, 'sub'), {});
}

async function failure(text: string, name?: string): Promise<UsageError> {
  const error = await load(text, name).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UsageError);
  expect((error as UsageError).exitCode).toBe(125);
  return error as UsageError;
}

describe('loadConfig', () => {
  it('reads values as the CLI would: durations in ms, paths relative to the file', async () => {
    const config = await load(
      JSON.stringify({
        settle: '2s',
        window: 1500,
        retries: 0,
        evidence: 'any',
        watch: ['extra', '/abs'],
        report: 'out/report.json',
        python: 'python3.11',
        hold: true,
      }),
    );
    expect(config).toEqual({
      file: join(repo, 'plugin-settle.config.json'),
      values: {
        settle: 2000,
        window: 1500,
        retries: 0,
        evidence: 'any',
        watch: [join(repo, 'extra'), '/abs'],
        report: join(repo, 'out/report.json'),
        python: 'python3.11',
        hold: true,
      },
    });
  });

  it('keeps `-` for the report and resolves an interpreter given as a path', async () => {
    const config = await load(JSON.stringify({ report: '-', python: 'venv/bin/python', watch: 'w' }));
    expect(config?.values).toEqual({
      report: '-',
      python: join(repo, 'venv/bin/python'),
      watch: [join(repo, 'w')],
    });
  });

  it('reads the "plugin-settle" key of package.json', async () => {
    const config = await load(JSON.stringify({ name: 'x', 'plugin-settle': { retries: 5 } }), 'package.json');
    expect(config?.values).toEqual({ retries: 5 });
  });

  it('returns null when there is no config file', async () => {
    await rm(join(repo, 'plugin-settle.config.json'), { force: true });
    await rm(join(repo, 'package.json'), { force: true });
    expect(await loadConfig(join(repo, 'sub'), {})).toBeNull();
  });

  it.each([
    ['{"retries": -1}', /"retries" must be a whole number ≥ 0, got -1$/],
    ['{"retries": 1.5}', /"retries" must be a whole number ≥ 0, got 1.5$/],
    ['{"evidence": "some"}', /"evidence" must be one of "relevant", "any", got "some"$/],
    [
      '{"settle": "2 min"}',
      /"settle" must be milliseconds as a number ≥ 0, or a string like "750ms" or "2s", got "2 min"$/,
    ],
    ['{"hold": "yes"}', /"hold" must be true or false, got "yes"$/],
    [
      '{"watch": [1]}',
      /"watch" must be a path or a list of paths \(relative to the config file\), got \[1\]$/,
    ],
    [
      '{"retry": 1}',
      /unknown key "retry"; did you mean "retries"\? \(allowed keys: python, watch, .*verbose\)$/,
    ],
    ['{"max-wait": 1}', /unknown key "max-wait"; did you mean "maxWait"\?/],
    ['[1]', /expected an object of settings/],
    ['{"retries": ', /not valid JSON \(.*\): fix the syntax$/],
  ])('rejects %s with one line naming the file, the key and the allowed values', async (text, message) => {
    const error = await failure(text);
    expect(error.message.startsWith(join(repo, 'plugin-settle.config.json'))).toBe(true);
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(message);
  });

  it('names package.json when its key holds a bad value', async () => {
    const error = await failure(JSON.stringify({ 'plugin-settle': { quiet: 1 } }), 'package.json');
    expect(error.message).toBe(`${join(repo, 'package.json')}: "quiet" must be true or false, got 1`);
  });

  it('accepts a UTF-8 byte order mark at the start of a JSON file', async () => {
    const config = await load('\uFEFF{"retries": 2}');
    expect(config?.values).toEqual({ retries: 2 });
  });

  it('reads [tool.plugin-settle] of pyproject.toml, in kebab-case or camelCase', async () => {
    const config = await load(
      [
        '\uFEFF[project]',
        'name = "app"',
        '',
        '[tool.plugin-settle]',
        'max-wait = "2s"',
        'staleAfter = 9000',
        'retries = 1',
        'watch = ["vendor/site-packages"]',
        'inprocess = false',
      ].join('\n'),
      'pyproject.toml',
    );
    expect(config).toEqual({
      file: join(repo, 'pyproject.toml'),
      values: {
        maxWait: 2000,
        staleAfter: 9000,
        retries: 1,
        watch: [join(repo, 'vendor/site-packages')],
        inprocess: false,
      },
    });
  });

  it.each([
    ['retries = -1', /pyproject\.toml: "retries" must be a whole number ≥ 0, got -1$/],
    ['max-wait = "soon"', /pyproject\.toml: "max-wait" must be milliseconds .*, got "soon"$/],
    ['kill-after = 1979-05-27', /"kill-after" must be milliseconds .*, got the date 1979-05-27$/],
    [
      'max_wait = 1',
      /unknown key "max_wait"; did you mean "max-wait"\? \(allowed keys: python, watch, window, settle, max-wait, /,
    ],
    [
      'max-wait = 1\nmaxWait = 2',
      /pyproject\.toml: "max-wait" and "maxWait" are the same setting: keep one$/,
    ],
    ['retries = [', /pyproject\.toml: not valid TOML \(.*at line 3, column 1\): fix the syntax$/],
  ])(
    'rejects pyproject.toml with %s in one line naming the file and the key as written',
    async (body, message) => {
      const error = await failure(`[tool.plugin-settle]\n${body}\n`, 'pyproject.toml');
      expect(error.message).not.toContain('\n');
      expect(error.message).toMatch(message);
    },
  );

  it('PLUGIN_SETTLE_CONFIG naming a pyproject.toml without our table says so', async () => {
    await writeFile(join(repo, 'other.toml'), '[tool.plugin-settle]\nretries = 4\n');
    await writeFile(join(repo, 'sub', 'pyproject.toml'), '[project]\nname = "x"\n');
    const file = join(repo, 'sub', 'pyproject.toml');
    await expect(loadConfig(repo, { PLUGIN_SETTLE_CONFIG: file })).rejects.toThrow(
      `${file}: has no [tool.plugin-settle] table (add one, or point PLUGIN_SETTLE_CONFIG elsewhere)`,
    );
    await rm(file);
  });
});
