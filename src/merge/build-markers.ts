import { mkdirSync, readdirSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PluginSettleError } from '../errors.js';
import { BUILD_MARKERS_DIR } from './names.js';
import { currentOwner, isOwnerDead, type MarkerOwner, parseOwner } from './owner.js';
import { pollUntil } from './poll.js';

// Another holder may rmdir the shared directory between our mkdir and our write: try again.
function writeMarker(root: string, owner: MarkerOwner): string {
  const dir = join(root, BUILD_MARKERS_DIR);
  const path = join(dir, `${owner.pid}.json`);
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, `${JSON.stringify(owner)}\n`);
      return path;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && attempt < 5) continue;
      throw new PluginSettleError(
        `cannot hold a build marker in ${root} (${code ?? String(error)}); run without --hold or make ${root} writable`,
        'build-marker-unwritable',
        undefined,
        { cause: error },
      );
    }
  }
}

function removeMarker(path: string): void {
  try {
    unlinkSync(path);
  } catch {}
  try {
    rmdirSync(join(path, '..'));
  } catch {}
}

/**
 * `run --hold`: a build marker in each root for as long as the build runs, so `merge --wait-for-builds`
 * waits for it. Removed by `release()`, and on any exit of this process (the hook must be synchronous);
 * a marker whose pid is dead (SIGKILL) is stale and ignored.
 */
export async function holdBuildMarkers(roots: string[]): Promise<{ release(): Promise<void> }> {
  const owner = currentOwner();
  const paths: string[] = [];
  const cleanup = (): void => {
    for (const path of paths.splice(0)) removeMarker(path);
  };
  process.on('exit', cleanup);
  try {
    for (const root of new Set(roots)) paths.push(writeMarker(root, owner));
  } catch (error) {
    cleanup();
    process.off('exit', cleanup);
    throw error;
  }
  return {
    async release() {
      cleanup();
      process.off('exit', cleanup);
    },
  };
}

export interface BuildMarker {
  path: string;
  owner: MarkerOwner | undefined;
  stale: boolean;
}

export function listBuildMarkers(root: string): BuildMarker[] {
  const dir = join(root, BUILD_MARKERS_DIR);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names.map((name) => {
    const path = join(dir, name);
    let owner: MarkerOwner | undefined;
    try {
      owner = parseOwner(readFileSync(path, 'utf8'));
    } catch {}
    return { path, owner, stale: owner !== undefined && isOwnerDead(owner) };
  });
}

/** merge-wait: hold off until no live build marker remains; stale ones are reported and cleared. */
export async function waitForBuilds(
  root: string,
  options: { maxWaitMs: number; onProgress: (line: string) => void },
): Promise<void> {
  let announced = false;
  await pollUntil(
    () => {
      const live = [];
      for (const marker of listBuildMarkers(root)) {
        if (!marker.stale) {
          live.push(marker);
          continue;
        }
        options.onProgress(`ignoring a stale build marker of dead pid ${marker.owner?.pid}: ${marker.path}`);
        removeMarker(marker.path);
      }
      if (live.length > 0 && !announced) {
        const pids = live.map((marker) => marker.owner?.pid ?? '?').join(', ');
        options.onProgress(`waiting for ${live.length} build(s) holding ${root} (pid ${pids})`);
        announced = true;
      }
      return live.length === 0;
    },
    { maxWaitMs: options.maxWaitMs, what: `the builds holding ${root} to end` },
  );
}
