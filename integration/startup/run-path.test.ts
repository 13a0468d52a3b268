import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** dist/cli.js and every file it imports statically: what Node reads before a `run` starts its build. */
function staticGraph(entry: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (name: string) => {
    if (files.has(name)) return;
    const text = readFileSync(join(DIST, name), 'utf8');
    files.set(name, text);
    for (const match of text.matchAll(/^(?:import|export)\s[^;]*?["']\.\/([^"']+\.js)["'];?$/gm))
      visit(match[1] as string);
  };
  visit(entry);
  return files;
}

/** The bundled modules in a file, by esbuild's `// path` comments. */
const sources = (text: string) => [...text.matchAll(/^\/\/ ((?:src|node_modules)\/\S+)$/gm)].map((m) => m[1]);

describe('what a `run` loads before the build starts (the built bundle)', () => {
  it.skipIf(!existsSync(join(DIST, 'cli.js')))(
    'is our run path only: no dependency, no watcher, classifier or commander, no builtin facades',
    async () => {
      const graph = staticGraph('cli.js');
      const modules = [...graph.values()].flatMap(sources);
      // The run path is really there (so the checks below are about the right files)…
      expect(modules).toEqual(
        expect.arrayContaining([
          'src/cli/run-words.ts',
          'src/config/apply.ts',
          'src/run/from-cli.ts',
          'src/run/spawn.ts',
        ]),
      );
      // …and nothing a passing build does not need: commander, execa and chokidar come only with
      // other commands, a failure or the watcher, which start after the build does.
      expect(modules.filter((m) => m?.startsWith('node_modules/'))).toEqual([]);
      for (const lazy of [
        'src/cli/program.ts',
        'src/watch/index.ts',
        'src/classify/index.ts',
        'src/run/race-decision.ts',
      ])
        expect(modules).not.toContain(lazy);
      // Builtins by process.getBuiltinModule: an ESM import of one builds a facade over all its exports.
      for (const [name, text] of graph)
        expect(text.match(/^(?:import|export)\s[^;]*?["'](?:node:)?[a-z_/]+["'];?$/gm), name).toBeNull();
      expect(graph.size).toBeLessThanOrEqual(12);

      // And it runs: the fast path gives the build's status, as commander's did.
      expect((await runCli(['run', '--', 'sh', '-c', 'exit 3'])).code).toBe(3);
      expect((await runCli(['run', '-q', '--retries', '0', '--', 'true'])).code).toBe(0);
    },
  );
});
