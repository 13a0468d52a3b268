#!/usr/bin/env node
// @ts-check
// The model is plain JavaScript so bench scripts run without a build; its unit tests are TypeScript and need
// declarations. This script type-checks the model's JSDoc (strict, as the project's tsconfig) and writes a
// .d.ts beside each module. It compiles a copy of the sources in a temp dir, because beside the committed
// .d.ts files the compiler would take the old declarations as the truth. `--check` only reports stale files.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const project = resolve(here, '../..');
const bin = (/** @type {string} */ name) => join(project, 'node_modules', '.bin', name);
const check = process.argv.includes('--check');
/** Scripts, not modules: nothing imports them, so they get checked but no declarations. */
const ENTRY_POINTS = new Set(['run.js', 'declarations.js']);
const work = mkdtempSync(join(tmpdir(), 'bench-model-types-'));
try {
  const sources = readdirSync(here).filter((name) => name.endsWith('.js'));
  for (const name of sources) copyFileSync(join(here, name), join(work, name));
  writeFileSync(join(work, 'package.json'), '{ "type": "module" }');
  const base = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8')).compilerOptions;
  const compilerOptions = {
    ...base,
    allowJs: true,
    checkJs: true,
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: '.',
    outDir: 'out',
    typeRoots: [join(project, 'node_modules', '@types')],
  };
  writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.js'] }));
  execFileSync(bin('tsc'), ['-p', join(work, 'tsconfig.json')], { stdio: 'inherit' });
  execFileSync(bin('biome'), ['check', '--write', join(work, 'out')], { cwd: project, stdio: 'ignore' });
  const stale = [];
  for (const name of sources.filter((source) => !ENTRY_POINTS.has(source))) {
    const declaration = name.replace(/\.js$/, '.d.ts');
    const fresh = readFileSync(join(work, 'out', declaration), 'utf8');
    let current = '';
    try {
      current = readFileSync(join(here, declaration), 'utf8');
    } catch {}
    if (fresh === current) continue;
    stale.push(declaration);
    if (!check) writeFileSync(join(here, declaration), fresh);
  }
  if (check && stale.length > 0) {
    process.stderr.write(
      `bench/model: stale declarations ${stale.join(', ')}; run node bench/model/declarations.js\n`,
    );
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
