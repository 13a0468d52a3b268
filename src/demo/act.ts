import { cp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Scene } from './scene.js';

export interface ActResult {
  exitCode: number;
  lastLine: string;
  stderr: string;
}

/** The slow installer, one step at a time: metadata first (the order that breaks builds), code later. */
export const installer = {
  metadata: (scene: Scene) => copyAll(scene.image.metadata, scene.sitePackages),
  code: (scene: Scene) => copyAll(scene.image.code, scene.sitePackages),
  async uninstall(scene: Scene) {
    for (const tree of [scene.image.code, scene.image.metadata]) {
      for (const entry of await readdir(tree))
        await rm(join(scene.sitePackages, entry), { recursive: true, force: true });
    }
  },
};

async function copyAll(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from)) await cp(join(from, entry), join(to, entry), { recursive: true });
}

/**
 * Runs one act: the installer has written the metadata; `argv` builds the project; the code lands
 * only when the build has visibly tripped (it exited, or the wrapper says it is waiting), so the story
 * comes out the same on a fast or a slow machine.
 */
export async function playAct(scene: Scene, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<ActResult> {
  await installer.uninstall(scene);
  await installer.metadata(scene);
  const child = execa(argv[0]!, argv.slice(1), {
    cwd: scene.project,
    env,
    reject: false,
    all: false,
    stdin: 'ignore',
  });
  let codeWritten = false;
  const writeCode = async () => {
    if (codeWritten) return;
    codeWritten = true;
    await installer.code(scene);
  };
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (/waiting for/.test(stderr)) void writeCode();
  });
  const result = await child;
  await writeCode();
  const lines = stderr.trim().split('\n');
  return {
    exitCode: result.exitCode ?? 128,
    lastLine: lines.findLast((line) => /Error|plugin-settle:/.test(line)) ?? lines.at(-1) ?? '',
    stderr,
  };
}
