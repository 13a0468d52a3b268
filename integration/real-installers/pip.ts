import { devNull } from 'node:os';
import { execa } from 'execa';
import { slowDisk } from './slow-disk.js';
import { type ArchiveOrder, PBR_VERSIONS, type Wheelhouse } from './wheels.js';

export interface PipOp {
  cycle: number;
  order: ArchiveOrder;
  args: string[];
  started: number;
  ended: number;
}

/** pip with nothing from the machine's config and no index: only the wheelhouse. */
const PIP_ENV = {
  PYTHONPATH: '',
  PIP_CONFIG_FILE: devNull,
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
  PIP_NO_INPUT: '1',
};

/**
 * One cycle: install pbr's first version and setuptools-git, upgrade pbr (to either later version,
 * in turn), uninstall both; even cycles from the metadata-first wheelhouse, odd ones code-first.
 * Real pip of the venv's interpreter, each run a separate process.
 */
export async function pipCycles(
  python: string,
  houses: Record<ArchiveOrder, Wheelhouse>,
  cycles: number,
  /** Told after each cycle: real installers on a loaded machine are slow, and a long run says how far it got. */
  progress: (cycle: number) => void = () => {},
  /** Awaited after each pip run: the caller pauses the churn while a wrapped build waits to settle. */
  between: () => Promise<void> = async () => {},
): Promise<PipOp[]> {
  const ops: PipOp[] = [];
  for (let cycle = 0; cycle < cycles; cycle++) {
    const order: ArchiveOrder = cycle % 2 === 0 ? 'metadata-first' : 'code-first';
    const from = ['--no-index', '--find-links', houses[order].dir];
    const target = PBR_VERSIONS[1 + (Math.floor(cycle / 2) % 2)];
    for (const args of [
      ['install', ...from, `pbr==${PBR_VERSIONS[0]}`, 'setuptools-git'],
      ['install', '--upgrade', ...from, `pbr==${target}`],
      ['uninstall', '-y', 'pbr', 'setuptools-git'],
    ]) {
      const started = Date.now();
      const [file, ...rest] = [...slowDisk(), python, '-m', 'pip', '-q', ...args];
      const result = await execa(file!, rest, { env: PIP_ENV, reject: false, all: true, timeout: 120_000 });
      if (result.exitCode !== 0) throw new Error(`pip ${args.join(' ')} failed:\n${result.all}`);
      ops.push({ cycle, order, args, started, ended: Date.now() });
      await between();
    }
    progress(cycle + 1);
  }
  return ops;
}
