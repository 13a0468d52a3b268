// Bundles the CLI into one ESM file so start-up reads a handful of files instead of hundreds
// (measured in bench/overhead.js); code that only failures need is split into lazy chunks.
import { readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
const options = {
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  // Flat: src/paths.ts resolves the package root as '..' from whichever file it was bundled into.
  chunkNames: '[name]-[hash]',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { PACKAGE_VERSION: JSON.stringify(version) },
  // CommonJS dependencies bundled into ESM need a real `require`.
  banner: {
    js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);",
  },
};

// Start-up: an ESM `import … from 'node:fs'` makes Node build a module facade over all of the
// builtin's exports, about a millisecond per builtin, paid before a `run` starts its build (8 of
// them on that path). process.getBuiltinModule (Node >= 20.16) hands over the builtin itself, so our
// own sources' builtin imports become `const { … } = process.getBuiltinModule('node:…')` as they are
// bundled (dependencies are left as they are). The statements stay at the top of the module.
const BUILTIN_IMPORT = /^import\s+(?!type\s)([^'";]+?)\s+from\s+'(node:[^']+)';$/gm;

function withoutFacades(source) {
  return source
    .replace(BUILTIN_IMPORT, (statement, clause, builtin) => {
      const module = `process.getBuiltinModule('${builtin}')`;
      const named = /\{([^}]*)\}/.exec(clause);
      const rest = clause
        .replace(/\{[^}]*\}/, '')
        .replace(/,/g, ' ')
        .trim();
      const lines = [];
      // `import x from` and `import * as x from` both mean the builtin itself.
      if (rest) lines.push(`const ${rest.replace(/^\*\s+as\s+/, '')} = ${module};`);
      const names = (named?.[1] ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name && !name.startsWith('type '))
        .map((name) => name.replace(/\s+as\s+/, ': '));
      if (names.length > 0) lines.push(`const { ${names.join(', ')} } = ${module};`);
      // As many lines as the import had, so the source map still points at the right lines.
      return lines.join(' ') + '\n'.repeat(statement.split('\n').length - 1);
    })
    .replace(/await import\('(node:[^']+)'\)/g, "await process.getBuiltinModule('$1')");
}

const builtinsWithoutFacades = {
  name: 'builtins-without-facades',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async ({ path }) => ({
      contents: withoutFacades(await readFile(path, 'utf8')),
      loader: 'ts',
    }));
  },
};
// Two builds, so the CLI's chunks follow the CLI's own imports: built with the library as a second
// entry, modules both reach were split by who else reaches them, and a `run` read a dozen files
// before starting the build. Each module file costs start-up (resolve, read, compile-cache lookup,
// link); the library keeps its own copy under lib-* names.
await build({ ...options, entryPoints: { cli: 'src/cli.ts' }, plugins: [builtinsWithoutFacades] });
await build({ ...options, entryPoints: { index: 'src/index.ts' }, chunkNames: 'lib-[name]-[hash]' });
