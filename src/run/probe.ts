import { execa } from 'execa';

export interface ProbeResult {
  ok: boolean;
  modules: string[];
  failed?: string;
  error?: string;
}

// One interpreter for all targets; prints the first failure as `target\terror` and exits 1. A target
// is a module, or `module:name` for a name the build could not get from it (`from module import
// name`, an entry point's attribute): the module is imported and the name looked up, as the build
// did. With `--find`, a bare module only has to be findable: its parents are imported, the module
// itself is not run, so the probe does not pay for what the plugin imports (often setuptools itself).
const PROBE = `
import importlib, sys
try:
    from importlib.util import find_spec
except ImportError:  # Python 2: import it is
    find_spec = None
find = sys.argv[1] == "--find" and find_spec is not None
def lookup(module, names):
    value = importlib.import_module(module)
    for attr in names.split("."):
        try:
            value = getattr(value, attr)
        except AttributeError:
            # from package import submodule: a name can be a module not imported yet
            owner = getattr(value, "__name__", None)
            try:
                value = importlib.import_module("%s.%s" % (owner, attr))
            except ImportError:
                raise ImportError("cannot import name %r from %r" % (attr, owner))
for target in sys.argv[2:]:
    name, _, names = target.partition(":")
    try:
        if names:
            lookup(name, names)
        elif find:
            if find_spec(name) is None:
                raise ImportError("No module named %r" % name)
        else:
            importlib.import_module(name)
    except BaseException as error:
        sys.stdout.write("%s\\t%s: %s" % (target, type(error).__name__, error))
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
  options: { cwd: string; signal?: AbortSignal; findOnly?: boolean },
): Promise<ProbeResult> {
  const result = await execa(python, ['-c', PROBE, options.findOnly ? '--find' : '--import', ...modules], {
    cwd: options.cwd,
    // No bytecode: a probe writing __pycache__ into a fresh merge would be a change that holds the wait.
    env: { PLUGIN_SETTLE_ACTIVE: '1', PLUGIN_SETTLE_INPROCESS: '0', PYTHONDONTWRITEBYTECODE: '1' },
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
