import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recover } from '../../src/merge/index.js';
import { makeUpgradeFixture } from './fixture.js';
import { findProtocolNames, hashTree, runCli, seededRandom, startCli } from './helpers.js';
import { expectedAfterReplace } from './oracle.js';

const TRIALS = Number(process.env.PLUGIN_SETTLE_FAULT_TRIALS ?? 200);
const SEED = Number(process.env.PLUGIN_SETTLE_FAULT_SEED ?? Date.now() % 2 ** 31);

let base: string;
let pristine: string;
let image: string;
let oldHash: string;
let newHash: string;

function freshRoot(): string {
  const root = join(base, 'root');
  rmSync(root, { recursive: true, force: true });
  // Hardlinks are safe: a merge never writes into an existing file, it only renames new ones over.
  execFileSync('cp', ['-al', pristine, root]);
  return root;
}

// SIGKILL loses no page cache, so fsync changes nothing these trials can see; every 8th keeps it on
// to run the durable code path under the same kills.
const mergeArgs = (root: string, trial = 0): string[] => [
  'merge',
  '--quiet',
  ...(trial % 8 === 7 ? [] : ['--no-fsync']),
  '--replace',
  'plugdist',
  image,
  root,
];

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'ps-fault-'));
  const fixture = makeUpgradeFixture(join(base, 'fixture'));
  pristine = fixture.root;
  image = fixture.image;
  oldHash = hashTree(pristine);
  expectedAfterReplace(pristine, image, 'plugdist-1.0.dist-info/RECORD', join(base, 'expected'));
  newHash = hashTree(join(base, 'expected'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('merge survives SIGKILL at any moment', () => {
  it(`reaches exactly the old or the new tree after --recover, ${TRIALS} trials (seed ${SEED})`, async () => {
    process.stderr.write(`fault injection: seed ${SEED} (PLUGIN_SETTLE_FAULT_SEED=${SEED} replays it)\n`);
    const random = seededRandom(SEED);

    // Calibration: an unkilled merge lands on the oracle's tree and tells how many steps it has.
    const root = freshRoot();
    const startedAt = performance.now();
    const calibration = await runCli(mergeArgs(root), { PLUGIN_SETTLE_FAULT_KILL_AT_STEP: 'count' });
    const fullRunMs = performance.now() - startedAt;
    expect(calibration.code, calibration.stderr).toBe(0);
    expect(hashTree(root)).toBe(newHash);
    expect(findProtocolNames(root)).toEqual([]);
    const steps = Number(/fault steps: (\d+)/.exec(calibration.stderr)?.[1]);
    expect(steps).toBeGreaterThan(2000);

    const outcomes = { old: 0, new: 0, killed: 0, rolledBack: 0, completed: 0, nothingToDo: 0 };
    for (let trial = 0; trial < TRIALS; trial++) {
      const root = freshRoot();
      // Half the trials kill at a random step (every phase gets hit, even the short rename burst),
      // half at a random wall-clock moment from outside, as a real crash comes.
      const byStep = trial % 2 === 0;
      const killAt = byStep ? 1 + Math.floor(random() * steps) : Math.floor(random() * fullRunMs);
      const label = `trial ${trial} (seed ${SEED}, ${byStep ? `step ${killAt}/${steps}` : `${killAt} ms`})`;
      const run = startCli(
        mergeArgs(root, trial),
        byStep ? { PLUGIN_SETTLE_FAULT_KILL_AT_STEP: String(killAt) } : {},
      );
      let timer: NodeJS.Timeout | undefined;
      if (!byStep) timer = setTimeout(() => run.child.kill('SIGKILL'), killAt);
      const finished = await run.done;
      clearTimeout(timer);
      if (finished.signal === 'SIGKILL') outcomes.killed++;
      else expect(finished.code, `${label}: ${finished.stderr}`).toBe(0);

      // Through the CLI now and then; in-process otherwise, which saves a Node start per trial.
      let action: string;
      if (trial % 4 === 1) {
        const recovered = await runCli(['merge', '--recover', root, '--json']);
        expect(recovered.code, `${label}: ${recovered.stderr}`).toBe(0);
        action = JSON.parse(recovered.stdout).action;
      } else {
        action = (await recover(root)).action;
      }
      if (action === 'rolled-back') outcomes.rolledBack++;
      else if (action === 'completed') outcomes.completed++;
      else outcomes.nothingToDo++;

      const hash = hashTree(root);
      expect([oldHash, newHash], `${label}: recovery (${action}) left a third tree`).toContain(hash);
      if (hash === oldHash) outcomes.old++;
      else outcomes.new++;
      expect(findProtocolNames(root), label).toEqual([]);
      if ((trial + 1) % 25 === 0)
        process.stderr.write(`fault injection: ${trial + 1} trials ${JSON.stringify(outcomes)}\n`);
    }
    process.stderr.write(`fault injection: ${JSON.stringify(outcomes)}\n`);
    // Not vacuous: kills landed both before and after the commit point, and recovery did real work.
    expect(outcomes.killed).toBeGreaterThan(TRIALS / 2);
    expect(outcomes.rolledBack).toBeGreaterThan(0);
    expect(outcomes.completed).toBeGreaterThan(0);
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.new).toBeGreaterThan(0);
  }, 1_800_000); // a hang bound only: about 2-3 min on an idle 2-core machine
});
