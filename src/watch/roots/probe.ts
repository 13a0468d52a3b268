/**
 * Runs inside the interpreter (2.7 to 3.13, so no f-strings) and prints one JSON object. Stdlib
 * directories are left out: installers merge into site-packages, and the stdlib never changes
 * under a build.
 */
export const PROBE = `
import json, os, site, sys, sysconfig
paths = []
def add(p):
    if p and p not in paths:
        paths.append(p)
sc = sysconfig.get_paths()
for key in ("purelib", "platlib"):
    add(sc.get(key))
try:
    for p in site.getsitepackages():
        add(p)
except Exception:
    pass
try:
    if site.ENABLE_USER_SITE:
        add(site.getusersitepackages())
except Exception:
    pass
stdlib = set(os.path.realpath(sc[k]) for k in ("stdlib", "platstdlib") if sc.get(k))
prefixes = set(os.path.realpath(p) for p in (sys.prefix, sys.exec_prefix))
for p in sys.path:
    if not p or not os.path.isdir(p):
        continue
    real = os.path.realpath(p)
    inside_stdlib = any(real == s or real.startswith(s + os.sep) for s in stdlib)
    if inside_stdlib and os.path.basename(real) not in ("site-packages", "dist-packages"):
        continue
    if any(real == x or real.startswith(x + os.sep) for x in prefixes):
        add(p)
sys.stdout.write(json.dumps({"executable": sys.executable, "prefix": sys.prefix, "paths": paths}))
`;
