/**
 * Runs inside the audited interpreter (2.7 to 3.13: no f-strings) and finds modules WITHOUT running
 * any plugin code: importlib.util.find_spec("a.b") would import `a`. Each dotted part is looked up
 * by the finders of the parent's search locations (pkgutil.get_importer, as PathFinder does, with
 * namespace portions gathered by hand since PathFinder's own need the parent in sys.modules); a
 * top-level name no path finder knows goes to find_spec, which imports nothing for a top-level
 * name (editable installs' meta-path finders). Python 2 walks imp.find_module the same way. Only
 * with "import" set are modules imported to look their attributes up; plugin output then goes to
 * stderr so stdout stays one JSON object.
 * Input, in the file named by argv[1]: {"requests": [{"root", "module", "attribute"}], "import": bool}.
 */
export const SPEC_PROBE = `
import json, os, pkgutil, sys
out = sys.stdout
with open(sys.argv[1]) as f:
    request = json.loads(f.read())
cwd = os.getcwd()
base = [p for p in sys.path if p and os.path.abspath(p) != cwd]
real_base = set(os.path.realpath(p) for p in base)
try:
    import importlib.machinery, importlib.util
    SUFFIXES = importlib.machinery.all_suffixes()
    USE_SPECS = True
except ImportError:
    USE_SPECS = None
    import imp

search_paths = {}

def search_path(root):
    # A root on sys.path is searched where it stands; a --watch root outside it, first.
    path = search_paths.get(root)
    if path is None:
        path = base if os.path.realpath(root) in real_base else [root] + base
        search_paths[root] = path
    return path

class Namespace(object):
    def __init__(self, locations):
        self.submodule_search_locations = locations
        self.loader = None

listings = {}

def listing(d):
    # One listdir per directory, as FileFinder caches its listing; None when it is no directory.
    found = listings.get(d, listings)
    if found is listings:
        try:
            found = frozenset(os.listdir(d))
        except OSError:
            found = None
        listings[d] = found
    return found

def find_in(fullname, locations):
    # PathFinder.find_spec would build a _NamespacePath, which reads the parent from sys.modules:
    # look as FileFinder does (a package's __init__, then a module file, then a namespace portion)
    # on cached listings, and ask other path entries' finders (zip files) directly.
    tail = fullname.rpartition(".")[2]
    portions = []
    for entry in locations:
        names = listing(entry or ".")
        if names is not None:
            if tail in names:
                package = os.path.join(entry, tail)
                inside = listing(package)
                if inside is not None:
                    if any("__init__" + s in inside for s in SUFFIXES):
                        return Namespace([package])
                    portions.append(package)
            if any(tail + s in names for s in SUFFIXES):
                return Namespace(None)
            continue
        try:
            finder = pkgutil.get_importer(entry)
        except Exception:
            finder = None
        if finder is None:
            continue
        find_spec = getattr(finder, "find_spec", None)
        if find_spec is not None:
            spec = find_spec(fullname)
            if spec is None:
                continue
            if spec.loader is not None:
                return spec
            portions.extend(spec.submodule_search_locations or [])
            continue
        loader = finder.find_module(fullname)
        if loader is not None:
            inner = os.path.join(finder.archive, finder.prefix, tail)
            return Namespace([inner] if loader.is_package(fullname) else None)
    return Namespace(portions) if portions else None

def find3(name, path):
    parts = name.split(".")
    spec = find_in(parts[0], path)
    if spec is None:
        if parts[0] in sys.builtin_module_names:
            return None if len(parts) == 1 else parts[0] + " is built in, not a package"
        saved = sys.path
        sys.path = path
        try:
            spec = importlib.util.find_spec(parts[0])
        except Exception:
            spec = None
        finally:
            sys.path = saved
    if spec is None:
        return "no module named " + parts[0]
    for i in range(1, len(parts)):
        locations = getattr(spec, "submodule_search_locations", None)
        if not locations:
            return ".".join(parts[:i]) + " is not a package"
        spec = find_in(".".join(parts[:i + 1]), list(locations))
        if spec is None:
            return "no module named " + ".".join(parts[:i + 1])
    return None

def find2(name, path):
    parts = name.split(".")
    for i, part in enumerate(parts):
        full = ".".join(parts[:i + 1])
        try:
            f, pathname, desc = imp.find_module(part, path)
        except ImportError:
            module = sys.modules.get(full)
            if module is not None and hasattr(module, "__path__"):
                path = list(module.__path__)
                continue
            return "no module named " + full
        if f:
            f.close()
        if desc[2] == imp.PKG_DIRECTORY:
            path = [pathname]
        elif i < len(parts) - 1:
            return full + " is not a package"
    return None

def attribute(module, attr):
    sys.stdout = sys.stderr
    try:
        try:
            __import__(module)
            obj = sys.modules[module]
        except BaseException as e:
            return "import-failed", "%s: %s" % (type(e).__name__, e)
        for part in attr.split("."):
            if not hasattr(obj, part):
                return "missing", "%s has no attribute %s" % (module, attr)
            obj = getattr(obj, part)
        return "found", None
    finally:
        sys.stdout = out

results = []
for item in request["requests"]:
    path = search_path(item["root"])
    try:
        missing = (find3 if USE_SPECS else find2)(item["module"], path)
    except Exception as e:
        missing = "cannot tell: %s: %s" % (type(e).__name__, e)
    result = {"missing": missing}
    if request.get("import") and missing is None:
        if item.get("attribute"):
            saved = sys.path
            sys.path = path
            result["attribute"], result["error"] = attribute(item["module"], item["attribute"])
            sys.path = saved
        else:
            result["attribute"], result["error"] = "no-attribute", None
    results.append(result)
out.write(json.dumps(results))
`;
