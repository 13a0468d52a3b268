import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { startCli } from '../merge/helpers.js';
import { atLeast, findInterpreters, makeVenv, tempDirs, waitFor } from '../support/index.js';

// Issue 15, case 1: a real `pip uninstall -y` removes a plugin while the build loads entry points.
// The build lists the entry point, then the plugin is gone: `import goneplug` fails and still fails
// once the tree settles, yet a rerun passes, since nothing declares the entry point any more.
const { found } = await findInterpreters();
const interpreter = found.find((i) => atLeast(i.version, '3.10'));
const temp = tempDirs();
afterAll(() => temp.cleanup());

// A wheel with a correct RECORD, made with the interpreter's own zipfile: goneplug 1.0 declares the
// egg_info.writers plugin in module goneplug; 2.0 moved its code to goneplug2 and declares no plugin.
const MAKE_WHEEL = `
import base64, hashlib, os, sys, zipfile
out, version = sys.argv[1], sys.argv[2]
info = "goneplug-%s.dist-info/" % version
files = {
    info + "METADATA": "Metadata-Version: 2.1\\nName: goneplug\\nVersion: %s\\n" % version,
    info + "WHEEL": "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
if version == "1.0":
    files["goneplug/__init__.py"] = "def write(cmd, basename, filename):\\n    pass\\n"
    files[info + "entry_points.txt"] = "[egg_info.writers]\\ngone.txt = goneplug:write\\n"
    files[info + "top_level.txt"] = "goneplug\\n"
else:
    files["goneplug2/__init__.py"] = ""
    files[info + "top_level.txt"] = "goneplug2\\n"
record = []
path = os.path.join(out, "goneplug-%s-py3-none-any.whl" % version)
with zipfile.ZipFile(path, "w") as wheel:
    for name, text in files.items():
        data = text.encode()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append("%s,sha256=%s,%d" % (name, digest, len(data)))
        wheel.writestr(name, data)
    record.append(info + "RECORD,,")
    wheel.writestr(info + "RECORD", "\\n".join(record) + "\\n")
print(path)
`;

// The build: lists the egg_info.writers entry points as setuptools does, says so through a file, waits
// for the test's go, then loads them through importlib.metadata, as setuptools' egg_info does.
const BUILD = `
import os, sys, time
from importlib.metadata import entry_points
eps = entry_points()
listed = [ep for ep in (eps.select(group="egg_info.writers") if hasattr(eps, "select") else eps.get("egg_info.writers", [])) if ep.name == "gone.txt"]
gate = os.environ["GATE"]
if listed:
    open(gate + ".listed", "w").close()
    deadline = time.time() + 60
    while not os.path.exists(gate + ".go"):
        if time.time() > deadline:
            sys.exit("the test never said go")
        time.sleep(0.01)
for ep in listed:
    ep.load()
print("built")
`;

describe.skipIf(!interpreter)(`an uninstall racing a plugin load (Python ${interpreter?.version})`, () => {
  it.each([
    ['pip uninstall -y', '--no-inprocess'],
    ['pip uninstall -y', '--inprocess'],
    ['pip install --upgrade (to a version without the plugin)', '--no-inprocess'],
  ])('%s: fails unwrapped; wrapped (%s), it is retried once and passes', async (action, mode) => {
    const venv = await makeVenv(interpreter!.python, await temp.make('uninstall-venv'));
    const dir = await temp.make('uninstall-work');
    const wheel = (await execa(venv.python, ['-c', MAKE_WHEEL, dir, '1.0'])).stdout.trim();
    const upgrade = (await execa(venv.python, ['-c', MAKE_WHEEL, dir, '2.0'])).stdout.trim();
    const build = join(dir, 'build.py');
    await writeFile(build, BUILD);
    const pip = (...args: string[]) =>
      execa(venv.python, ['-m', 'pip', '--disable-pip-version-check', '--no-input', ...args], {
        env: { PIP_NO_INDEX: '1', PYTHONPATH: '' },
      });

    /** The uninstall lands between the build's listing and its load. */
    const race = async (gate: string, finished: () => boolean) => {
      await waitFor(
        'the build to list the entry point',
        async () => existsSync(`${gate}.listed`) || (finished() ? fail('the build ended first') : undefined),
        60_000,
      );
      if (action.startsWith('pip uninstall')) await pip('uninstall', '-y', 'goneplug');
      else await pip('install', '--no-deps', '--upgrade', upgrade);
      await writeFile(`${gate}.go`, '');
    };

    // Unprotected: the race must happen.
    await pip('install', '--no-deps', '--force-reinstall', wheel);
    const bareGate = join(dir, 'bare');
    const bare = execa(venv.python, [build], {
      env: { GATE: bareGate, PYTHONPATH: '' },
      reject: false,
      all: true,
    });
    let bareDone = false;
    void bare.finally(() => {
      bareDone = true;
    });
    await race(bareGate, () => bareDone);
    const unprotected = await bare;
    expect(unprotected.exitCode, unprotected.all).not.toBe(0);
    expect(unprotected.all).toMatch(/No module named 'goneplug'/);

    // Wrapped: the same race, retried once the uninstall is over.
    await pip('install', '--no-deps', '--force-reinstall', wheel);
    const gate = join(dir, 'wrapped');
    const reportFile = join(dir, 'report.json');
    const wrapped = startCli(
      ['run', mode, '--verbose', '--report', reportFile, '--', venv.python, build],
      { GATE: gate, PYTHONPATH: '' },
      dir,
    );
    let wrappedDone = false;
    void wrapped.done.finally(() => {
      wrappedDone = true;
    });
    await race(gate, () => wrappedDone);
    const result = await wrapped.done;
    const report = JSON.parse(await readFile(reportFile, 'utf8')) as Report;
    const context = `${result.stderr}\nreport: ${JSON.stringify(report, null, 2)}`;
    expect(result.code, context).toBe(0);
    expect(report.result, context).toBe('succeeded');
    expect(
      report.attempts.map((a) => a.exitCode),
      context,
    ).toEqual([1, 0]);
    expect(report.attempts[0]?.decision?.reason, context).toMatch(
      /nothing installed declares an entry point in goneplug any more/,
    );
  });
});

function fail(message: string): never {
  throw new Error(message);
}
