import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { entryPointModules, exists, missingForModule, topLevelExists } from './module-files.js';
import { isBytecode } from './record.js';

const read = (path: string) => readFile(path, 'utf8').catch(() => null);

/**
 * Completeness without RECORD (egg-info; a dist-info Debian stripped or pip has not finished):
 * the names in `top_level.txt`, the modules `entry_points.txt` names, and `installed-files.txt`.
 */
export async function missingFromDeclared(root: string, metadata: string): Promise<string[]> {
  const missing: string[] = [];
  const topLevel = await read(join(metadata, 'top_level.txt'));
  for (const name of (topLevel ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)) {
    if (!(await topLevelExists(root, name))) missing.push(name);
  }
  const entryPoints = await read(join(metadata, 'entry_points.txt'));
  for (const module of entryPointModules(entryPoints ?? '')) {
    for (const path of await missingForModule(root, module)) if (!missing.includes(path)) missing.push(path);
  }
  const installed = await read(join(metadata, 'installed-files.txt'));
  for (const line of (installed ?? '').split('\n').map((entry) => entry.trim())) {
    if (!line || isBytecode(line)) continue;
    const full = resolve(metadata, line);
    const shown = relative(root, full);
    if (!(await exists(full)) && !missing.includes(shown)) missing.push(shown);
  }
  return missing;
}

/**
 * pip and uv write RECORD last: a recent dist-info without it whose INSTALLER names them, or that
 * holds their `.tmp` files, is still being written.
 */
export async function isRecordPending(metadata: string): Promise<boolean> {
  const installer = (await read(join(metadata, 'INSTALLER')))?.trim();
  if (installer === 'pip' || installer === 'uv') return true;
  const entries = await readdir(metadata).catch(() => [] as string[]);
  return entries.some((entry) => entry.endsWith('.tmp'));
}
