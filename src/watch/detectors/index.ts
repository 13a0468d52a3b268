import { readLockTable } from '../locks.js';
import type { MergeInProgress } from '../types.js';
import { atomicInstallDetector } from './atomic-install.js';
import type { Detector, DetectorContext } from './context.js';
import { dpkgDetector } from './dpkg.js';
import { markerDetector, stagingDetector } from './marker.js';
import { pipDetector } from './pip.js';
import { portageDetector } from './portage.js';
import { portageTempDetector } from './portage-temp.js';
import { rpmDetector } from './rpm.js';
import { gatherStaging } from './staging-walk.js';
import { uvDetector } from './uv.js';

export const detectors: readonly Detector[] = [
  markerDetector,
  stagingDetector,
  portageDetector,
  portageTempDetector,
  dpkgDetector,
  rpmDetector,
  pipDetector,
  uvDetector,
  atomicInstallDetector,
];

/** One test that every staging name passes, so thousands of ordinary entries cost one regex each. */
export const MAYBE_STAGING = /^[.~]|\.dpkg-(?:new|tmp)$|;[0-9a-f]{8}$|#new$|\.tmp$/;

export interface DetectOptions {
  roots: readonly string[];
  systemRoots: readonly string[];
  venvs: readonly string[];
  portageRoot: string;
  staleAfterMs: number;
  deepDirs?: readonly string[];
  recentDirs?: readonly string[];
  statTopLevel?: boolean;
  cannotTell: (path: string) => void;
  /** Tests point this at a missing file to see the "cannot tell" path. */
  procLocks?: string;
}

/** Every merge in progress under the roots, stale ones included and flagged. */
export async function detectMerges(options: DetectOptions): Promise<MergeInProgress[]> {
  const now = Date.now();
  const claims = (name: string, isDirectory: boolean) =>
    MAYBE_STAGING.test(name) && detectors.some((detector) => detector.claims?.(name, isDirectory) ?? false);
  const [locks, staging] = await Promise.all([
    readLockTable(options.procLocks),
    gatherStaging(options.roots, claims, {
      staleAfterMs: options.staleAfterMs,
      now,
      deepDirs: options.deepDirs ?? [],
      recentDirs: options.recentDirs ?? [],
      statTopLevel: options.statTopLevel ?? true,
    }),
  ]);
  const context: DetectorContext = { ...options, now, locks, staging };
  const found = await Promise.all(detectors.map((detector) => detector.detect(context)));
  return found.flat();
}
