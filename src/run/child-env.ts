import { delimiter } from 'node:path';
import { pythonShimDir } from '../paths.js';

export interface ChildEnvOptions {
  base: NodeJS.ProcessEnv;
  roots: readonly string[];
  windowMs: number;
  settleMs: number;
  maxWaitMs: number;
  staleAfterMs?: number;
  evidence?: 'relevant' | 'any';
  inProcess: boolean;
  eventsFile?: string;
}

/** The child's environment: the caller's, plus the protocol variables of DESIGN.md. */
export function childEnv(options: ChildEnvOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...options.base, PLUGIN_SETTLE_ACTIVE: '1' };
  if (!options.inProcess) {
    env.PLUGIN_SETTLE_INPROCESS = '0';
    return env;
  }
  Object.assign(env, {
    PLUGIN_SETTLE_INPROCESS: '1',
    PLUGIN_SETTLE_ROOTS: options.roots.join(delimiter),
    PLUGIN_SETTLE_WINDOW_MS: String(options.windowMs),
    PLUGIN_SETTLE_SETTLE_MS: String(options.settleMs),
    PLUGIN_SETTLE_MAX_WAIT_MS: String(options.maxWaitMs),
  });
  if (options.staleAfterMs !== undefined) env.PLUGIN_SETTLE_STALE_AFTER_MS = String(options.staleAfterMs);
  if (options.evidence) env.PLUGIN_SETTLE_EVIDENCE = options.evidence;
  if (options.eventsFile) env.PLUGIN_SETTLE_EVENTS = options.eventsFile;
  env.PYTHONPATH = [pythonShimDir, ...(env.PYTHONPATH ? [env.PYTHONPATH] : [])].join(delimiter);
  return env;
}
