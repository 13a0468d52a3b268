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

/** Markdown for every command the factories make, in registration order. */
export function renderReference(factories) {
  const lines = [
    '## CLI reference',
    '',
    '_Generated from the command definitions by `node scripts/cli-reference.js`; do not edit by hand._',
    '',
    'Every command takes `--help`; `plugin-settle --version` prints the version.',
  ];
  for (const make of factories) lines.push(...renderCommand(make(), 'plugin-settle'));
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

/** The factories from src/commands, bundled on the fly: this script runs without a TypeScript loader. */
async function loadFactories() {
  const { build } = await import('esbuild');
  const out = join(tmpdir(), `plugin-settle-cli-reference-${process.pid}.mjs`);
  await build({
    entryPoints: [fileURLToPath(new URL('../src/commands/index.ts', import.meta.url))],
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
    return (await import(out)).commands;
  } finally {
    await rm(out, { force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = await readFile(README, 'utf8').catch(() => '');
  const updated = withReference(readme, renderReference(await loadFactories()));
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
