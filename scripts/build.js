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
    js: "import { createRequire as __psCreateRequire } from 'node:module'; const require = __psCreateRequire(import.meta.url);",
  },
};
// Two builds, so the CLI's chunks follow the CLI's own imports: built with the library as a second
// entry, modules both reach were split by who else reaches them, and a `run` read a dozen files
// before starting the build. Each module file costs start-up (resolve, read, compile-cache lookup,
// link); the library keeps its own copy under lib-* names.
await build({ ...options, entryPoints: { cli: 'src/cli.ts' } });
await build({ ...options, entryPoints: { index: 'src/index.ts' }, chunkNames: 'lib-[name]-[hash]' });
