// Bundles the CLI into one ESM file so start-up reads a handful of files instead of hundreds
// (measured in bench/overhead.js); code that only failures need is split into lazy chunks.
import { readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts' },
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
});
