"""Repacks a Debian-packaged pure-Python distribution as a wheel that pip installs like one from PyPI.

    python make_wheel.py <dist-packages> <egg-info or dist-info dir name> <version> <order> <out dir>

Debian unpacks modules and an .egg-info (or .dist-info) under usr/lib/python3/dist-packages; a wheel
holds the same modules and a .dist-info with METADATA, WHEEL and a RECORD listing every file with
its sha256 and size (PEP 427, PEP 376). The version in METADATA and in the names is rewritten, so one
Debian package gives the several versions an upgrade needs. `order` is the order of the archive, which
is the order pip writes the files in: `metadata-first` (the .dist-info, RECORD aside, before the code:
the entry points are visible while the code is written) or `code-first`. Prints the wheel's path.
Stdlib only; runs on any Python 3.
"""

import base64
import hashlib
import os
import re
import sys
import zipfile

# Fixed timestamps: the same inputs give the same wheel.
DATE = (2020, 1, 1, 0, 0, 0)
COPIED = ("entry_points.txt", "top_level.txt")


def record_hash(data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def metadata(meta, version):
    name = "PKG-INFO" if meta.endswith(".egg-info") else "METADATA"
    text = read(os.path.join(meta, name)).decode("utf-8")
    dist = re.search(r"^Name: *(.+)$", text, re.M).group(1).strip()
    return dist, re.sub(r"^Version: *.+$", "Version: " + version, text, count=1, flags=re.M).encode("utf-8")


def code_files(src, meta):
    top = read(os.path.join(meta, "top_level.txt")).decode("utf-8").split()
    found = []
    for module in top:
        if os.path.isfile(os.path.join(src, module + ".py")):
            found.append(module + ".py")
        for root, dirs, files in os.walk(os.path.join(src, module)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for f in sorted(files):
                if not f.endswith(".pyc"):
                    found.append(os.path.relpath(os.path.join(root, f), src))
    return [(path, read(os.path.join(src, path))) for path in found]


def main(src, meta_name, version, order, out):
    meta = os.path.join(src, meta_name)
    dist, meta_text = metadata(meta, version)
    stem = re.sub(r"[-_.]+", "_", dist)
    info = "%s-%s.dist-info" % (stem, version)
    wheel = b"Wheel-Version: 1.0\nGenerator: plugin-settle make_wheel.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    meta_files = [(info + "/METADATA", meta_text), (info + "/WHEEL", wheel)]
    meta_files += [(info + "/" + n, read(os.path.join(meta, n))) for n in COPIED if os.path.exists(os.path.join(meta, n))]
    code = code_files(src, meta)
    entries = meta_files + code if order == "metadata-first" else code + meta_files
    record = "".join("%s,%s,%d\n" % (path, record_hash(data), len(data)) for path, data in entries)
    entries.append((info + "/RECORD", (record + info + "/RECORD,,\n").encode("utf-8")))
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "%s-%s-py3-none-any.whl" % (stem, version))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, DATE)
            entry.external_attr = 0o644 << 16
            z.writestr(entry, data, zipfile.ZIP_DEFLATED)
    sys.stdout.write(path + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 6 or sys.argv[4] not in ("metadata-first", "code-first"):
        sys.exit(__doc__)
    main(*sys.argv[1:])
