// The README's CLI reference, made from the commander definitions themselves so it cannot drift:
// `node scripts/cli-reference.js` rewrites the section between the markers, `--check` only compares
// (exit 1 when README.md is out of date). test/config/cli-reference.test.ts runs the same comparison.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const START = '<!-- cli-reference:start -->';
export const END = '<!-- cli-reference:end -->';
const README = fileURLToPath(new URL('../README.md', import.meta.url));

/** Markdown for every command the factories make, in registration order, then the config-file keys. */
export function renderReference(factories, settings) {
  const lines = [
    '## CLI reference',
    '',
    '_Generated from the command definitions by `node scripts/cli-reference.js`; do not edit by hand._',
    '',
    'Every command takes `--help`; `plugin-settle --version` prints the version.',
  ];
  for (const make of factories) lines.push(...renderCommand(make(), 'plugin-settle'));
  if (settings) lines.push('', ...renderConfig(settings));
  lines.push(
    '',
    '### The JSON report',
    '',
    '`run --report <file>` writes one JSON object (atomically; `-` writes it to stderr) described by ' +
      '[`schema/report.schema.json`](schema/report.schema.json), shipped in the package as ' +
      '`plugin-settle/schema/report.schema.json`: the command, the result (`succeeded`, `failed`, ' +
      '`not-a-race`, `gave-up`, `interrupted`), every attempt with its classification, evidence, decision, ' +
      'wait and import probe, the last change it saw in site-packages and the recovery latency from there ' +
      "to the next attempt (`recoveryMs`), the `--on-retry` command's outcome (`onRetry`), and the " +
      "in-process shim's events.",
  );
  return lines.join('\n');
}

/** A command and, after it, each of its subcommands (`shim env`, `shim install`). */
function renderCommand(command, parent) {
  const args = command.registeredArguments.map((arg) => {
    const name = `${arg.name()}${arg.variadic ? '...' : ''}`;
    return arg.required ? `<${name}>` : `[${name}]`;
  });
  const path = `${parent} ${command.name()}`;
  const usage = [
    path,
    command.commands.length ? '<subcommand>' : '',
    command.options.length ? '[options]' : '',
    ...args,
  ]
    .filter(Boolean)
    .join(' ');
  const lines = ['', `### \`${usage}\``, '', prose(command.description() || command.summary())];
  if (command.registeredArguments.length) {
    lines.push('', '| argument | meaning |', '| --- | --- |');
    for (const [i, arg] of command.registeredArguments.entries())
      lines.push(`| \`${args[i]}\` | ${cell(arg.description)} |`);
  }
  const options = command.options.filter((option) => !option.hidden);
  if (options.length) {
    lines.push('', '| option | environment | default | meaning |', '| --- | --- | --- | --- |');
    for (const option of options) {
      const [help, variable] = splitEnv(option.description);
      const env = option.envVar ?? variable;
      lines.push(
        `| \`${option.flags}\` | ${env ? `\`${env}\`` : ''} | ${defaultOf(option)} | ${cell(help)} |`,
      );
    }
  }
  for (const sub of command.commands) lines.push(...renderCommand(sub, path));
  return lines;
}

/** The config-file keys: the same settings as `run`'s options, with what a file may hold. */
/** `maxWait` → `max-wait`, the pyproject.toml spelling (src/config/keys.ts). */
const kebab = (key) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

function renderConfig({ RUN_SETTINGS, allowedValues, envName }) {
  return [
    '### Configuration files',
    '',
    "`run`'s settings can live in `plugin-settle.config.json`, `.plugin-settlerc.json`, under a " +
      '`"plugin-settle"` key in `package.json`, or in a `[tool.plugin-settle]` table in `pyproject.toml` ' +
      '(looked for in that order in each directory); the nearest one from the working directory up to the ' +
      'repository root (the directory holding `.git`) applies, or the file `PLUGIN_SETTLE_CONFIG` names ' +
      '(TOML when its name ends in `.toml`). Precedence: command line, then environment, then the file, ' +
      'then the default; `plugin-settle config` prints each setting with where it came from. A bad value ' +
      'stops `run` with exit status 125 and one line naming the file, the key and what it may hold. A ' +
      'UTF-8 byte order mark is accepted; a config file over 1 MiB is refused.',
    '',
    '```json',
    '{ "retries": 2, "settle": "1s", "watch": ["vendor/site-packages"], "report": "plugin-settle.json" }',
    '```',
    '',
    'In `pyproject.toml`, keys are kebab-case as usual there (`max-wait`, `on-retry`); the camelCase of ' +
      'the JSON files is accepted too, but not both spellings of one key:',
    '',
    '```toml',
    '[tool.plugin-settle]',
    'retries = 2',
    'max-wait = "30s"',
    'on-retry = "rm -rf build/"',
    'watch = ["vendor/site-packages"]',
    '```',
    '',
    '| key (JSON) | key (pyproject.toml) | may hold | option | environment |',
    '| --- | --- | --- | --- | --- |',
    ...RUN_SETTINGS.map(
      (setting) =>
        `| \`${setting.key}\` | \`${kebab(setting.key)}\` | ${cell(allowedValues(setting))} | \`${setting.flags.replace(/^-\w, /, '')}\` | \`${envName(setting.key)}\` |`,
    ),
  ];
}

/** Flags whose variable commander does not read itself say `(env: NAME)` in their help. */
function splitEnv(description) {
  const match = /\s*\(env: (\w+)\)$/.exec(description);
  return match ? [description.slice(0, match.index), match[1]] : [description, undefined];
}

function defaultOf(option) {
  // A negatable flag defaults to on; showing `true` beside `--no-x` only confuses.
  const value = Array.isArray(option.defaultValue) ? option.defaultValue.join(', ') : option.defaultValue;
  if (option.negate || value === undefined || value === false || value === '') return '';
  return `\`${value}\``;
}

/** One line of Markdown text: `<root>` in help is a placeholder, not an HTML tag. */
function prose(text) {
  return text
    .replaceAll(/\s*\n\s*/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replaceAll('<', '&lt;').replaceAll('>', '&gt;')))
    .join('');
}

function cell(text) {
  return prose(text).replaceAll('|', '\\|');
}

/** README with the section between the markers replaced, or appended at the end when absent. */
export function withReference(readme, reference) {
  const section = `${START}\n${reference}\n${END}`;
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1) return `${readme.trimEnd()}\n\n${section}\n`;
  return readme.slice(0, start) + section + readme.slice(end + END.length);
}

/** The command factories and the settings table, bundled on the fly: this script runs without a TypeScript loader. */
async function loadFactories() {
  const { build } = await import('esbuild');
  const out = join(tmpdir(), `plugin-settle-cli-reference-${process.pid}.mjs`);
  await build({
    stdin: {
      contents:
        "export { commands } from './commands/index.ts';\n" +
        "export { RUN_SETTINGS, allowedValues, envName } from './config/run-options.ts';\n",
      resolveDir: fileURLToPath(new URL('../src/', import.meta.url)),
      loader: 'ts',
    },
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __psCreateRequire } from 'node:module'; const require = __psCreateRequire(import.meta.url);",
    },
  });
  try {
    return await import(out);
  } finally {
    await rm(out, { force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = await readFile(README, 'utf8').catch(() => '');
  const loaded = await loadFactories();
  const updated = withReference(readme, renderReference(loaded.commands, loaded));
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      console.error('README.md: the CLI reference is out of date; run `node scripts/cli-reference.js`');
      process.exit(1);
    }
  } else if (updated !== readme) {
    await writeFile(README, updated);
    console.log('README.md: CLI reference updated');
  }
}
