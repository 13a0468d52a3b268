import { execa } from 'execa';

export interface ProbeResult {
  ok: boolean;
  modules: string[];
  failed?: string;
  error?: string;
}

// One interpreter for all modules; prints the first failure as `module\terror` and exits 1.
const PROBE = `
import importlib, sys
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except BaseException as error:
        sys.stdout.write("%s\\t%s: %s" % (name, type(error).__name__, error))
        sys.exit(1)
`;

/**
 * Imports the implicated modules in a fresh interpreter, as the build would. PLUGIN_SETTLE_ACTIVE
 * keeps PATH shims from wrapping the probe itself; the in-process shim is left out so a probe never
 * waits or heals.
 */
export async function probeImports(
  python: string,
  modules: string[],
  options: { cwd: string; signal?: AbortSignal },
): Promise<ProbeResult> {
  const result = await execa(python, ['-c', PROBE, ...modules], {
    cwd: options.cwd,
    env: { PLUGIN_SETTLE_ACTIVE: '1', PLUGIN_SETTLE_INPROCESS: '0' },
    reject: false,
    stdin: 'ignore',
    timeout: 60_000,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
  });
  if (result.exitCode === 0) return { ok: true, modules };
  const [failed, error] = String(result.stdout).split('\t');
  return {
    ok: false,
    modules,
    failed: failed || modules.join(', '),
    error: error || String(result.stderr).trim().split('\n').at(-1) || `exit ${result.exitCode}`,
  };
}
