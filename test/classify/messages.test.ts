import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';

const SP = '/usr/lib/python3.12/site-packages';

/** A traceback whose last frames are the given ones, as CPython prints it. */
function traceback(
  frames: Array<[path: string, func: string | null, code?: string]>,
  exception: string,
): string {
  const lines = [
    'Traceback (most recent call last):',
    '  File "setup.py", line 5, in <module>',
    '    setup()',
  ];
  for (const [path, func, code] of frames) {
    lines.push(`  File "${path}", line 10${func ? `, in ${func}` : ''}`);
    if (code) lines.push(`    ${code}`);
  }
  return `running egg_info\n${lines.join('\n')}\n${exception}\n`;
}

const viaEggInfo = (inner: Array<[string, string | null, string?]>, exception: string) =>
  traceback(
    [
      [`${SP}/setuptools/command/egg_info.py`, 'run', 'writer = ep.load()'],
      [
        '/usr/lib/python3.12/importlib/metadata/__init__.py',
        'load',
        "module = import_module(match.group('module'))",
      ],
      ['<frozen importlib._bootstrap>', '_find_and_load'],
      ...inner,
    ],
    exception,
  );

describe('exception texts of every Python version', () => {
  it.each([
    ["ModuleNotFoundError: No module named 'pbr.pbr_json'", 'missing-module', 'pbr.pbr_json', 'pbr'],
    [
      "ModuleNotFoundError: No module named 'plugmod.sub'; 'plugmod' is not a package",
      'missing-module',
      'plugmod.sub',
      'plugmod',
    ],
    ['ImportError: No module named setuptools_git', 'missing-module', 'setuptools_git', 'setuptools_git'],
    [
      "ImportError: cannot import name 'Thing' from 'plugpkg' (/x/site-packages/plugpkg/__init__.py)",
      'missing-name',
      'plugpkg',
      'plugpkg',
    ],
    [
      "ImportError: cannot import name 'hook' from partially initialized module 'plugmod' (most likely due to a circular import) (/x/plugmod.py)",
      'missing-name',
      'plugmod',
      'plugmod',
    ],
    [
      "AttributeError: partially initialized module 'plugmod' has no attribute 'hook' (most likely due to a circular import)",
      'missing-name',
      'plugmod',
      'plugmod',
    ],
    [
      "AttributeError: partially initialized module 'plugmod' from '/x/plugmod.py' has no attribute 'hook' (most likely due to a circular import)",
      'missing-name',
      'plugmod',
      'plugmod',
    ],
    ["ImportError: module 'plugmod' has no attribute 'writer'", 'missing-name', 'plugmod', 'plugmod'],
    ["ImportError: cannot import name 'Thing'", 'missing-name', null, null],
    [
      "ImportError: bad magic number in 'plugmod': b'\\x00\\x00\\x00\\x00'",
      'corrupt-bytecode',
      'plugmod',
      'plugmod',
    ],
    ["EOFError: reached EOF while reading pyc header of 'plug.mod'", 'corrupt-bytecode', 'plug.mod', 'plug'],
    ['EOFError: marshal data too short', 'corrupt-bytecode', null, null],
    ['EOFError: EOF read where object expected', 'corrupt-bytecode', null, null],
    ['ValueError: bad marshal data (unknown type code)', 'corrupt-bytecode', null, null],
    ["ValueError: ('Invalid section heading', '[egg_info.wri')", 'bad-entry-points', null, null],
    [
      "ValueError: (\"EntryPoint must be in 'name=module:attrs [extras]' format\", 'plug.txt = plugmod:')",
      'bad-entry-points',
      null,
      null,
    ],
    ['ValueError: source code string cannot contain null bytes', 'truncated-source', null, null],
    ['RuntimeError: something else entirely', 'unrelated', null, null],
    ["ModuleNotFoundError: Unknown dynamic-metadata provider 'foo'", 'unrelated', null, null],
  ])('%s', (exception, category, module, topLevel) => {
    const c = classify(viaEggInfo([], exception));
    expect({ category: c.category, module: c.module, topLevel: c.topLevel }).toEqual({
      category,
      module,
      topLevel,
    });
    expect(c.loader).toEqual(
      category === 'unrelated'
        ? { frame: 'setuptools.command.egg_info:run', group: 'egg_info.writers' }
        : c.loader,
    );
  });

  it.each([
    [
      "pkg_resources.DistributionNotFound: The 'demo-helper>=1.0' distribution was not found and is required by demo-writer",
      'demo-helper',
    ],
    ['importlib.metadata.PackageNotFoundError: No package metadata was found for plugdist', 'plugdist'],
    ['importlib.metadata.PackageNotFoundError: plugdist', 'plugdist'],
    [
      "pkg_resources.VersionConflict: (setuptools 65.5.0 (/x/site-packages), Requirement.parse('setuptools>=999'))",
      'setuptools',
    ],
    [
      `FileNotFoundError: [Errno 2] No such file or directory: '${SP}/Demo_Writer-1.0.2.dist-info/METADATA'`,
      'Demo_Writer',
    ],
  ])('%s names the distribution', (exception, distribution) => {
    const c = classify(viaEggInfo([], exception));
    expect([c.category, c.distribution]).toEqual(['missing-metadata', distribution]);
  });

  it('Python 2 bad magic names the file, and the module comes from its path', () => {
    const c = classify(viaEggInfo([], `ImportError: Bad magic number in ${SP}/demowriter/hooks.pyc`));
    expect(c).toMatchObject({
      category: 'corrupt-bytecode',
      module: 'demowriter.hooks',
      topLevel: 'demowriter',
      files: [`${SP}/demowriter/hooks.pyc`],
    });
  });

  it('a bad .pyc named in the project tree is unrelated', () => {
    expect(
      classify(viaEggInfo([], 'ImportError: Bad magic number in /home/me/project/build/lib/demo.pyc'))
        .category,
    ).toBe('unrelated');
  });

  it("Python 2's 'module' object has no attribute needs a plugin loader to count", () => {
    expect(classify(viaEggInfo([], "ImportError: 'module' object has no attribute 'hook'")).category).toBe(
      'missing-name',
    );
    const bare = traceback(
      [['/home/me/project/tool.py', 'main']],
      "AttributeError: 'module' object has no attribute 'hook'",
    );
    expect(classify(bare).category).toBe('unrelated');
  });
});

describe('truncated source counts only in installed files', () => {
  const syntax = (file: string) =>
    viaEggInfo([[file, null, 'def write(cmd, basename,']], "SyntaxError: '(' was never closed");

  it.each([
    [`${SP}/demowriter/hooks.py`, 'truncated-source'],
    ['/usr/lib/python3/dist-packages/pbr/core.py', 'truncated-source'],
    ['/usr/lib64/python3.12/site-packages/pbr/core.py', 'truncated-source'],
    ['/home/me/.local/lib/python3.12/pbr/core.py', 'truncated-source'],
    ['/home/me/project/setup.py', 'unrelated'],
    ['setup.py', 'unrelated'],
    ['/tmp/pip-req-build-abc123/setup.py', 'unrelated'],
  ])('%s → %s', (file, category) => {
    const c = classify(syntax(file));
    expect(c.category).toBe(category);
    if (category !== 'unrelated') expect(c.files[0]).toBe(file);
  });

  it('names the module of the broken file', () => {
    expect(classify(syntax(`${SP}/demowriter/hooks.py`))).toMatchObject({
      module: 'demowriter.hooks',
      topLevel: 'demowriter',
    });
  });
});

describe('plugin loaders and their entry-point groups', () => {
  const pkgResources: Array<[string, string, string?]> = [
    [`${SP}/pkg_resources/__init__.py`, 'load', 'return self.resolve()'],
    [
      `${SP}/pkg_resources/__init__.py`,
      'resolve',
      "module = __import__(self.module_name, fromlist=['__name__'], level=0)",
    ],
  ];
  const missing = "ModuleNotFoundError: No module named 'plug'";

  it.each([
    [
      [`${SP}/setuptools/command/sdist.py`, 'walk_revctrl', 'for item in ep.load()(dirname):'],
      'setuptools.command.sdist:walk_revctrl',
      'setuptools.file_finders',
    ],
    [
      [`${SP}/setuptools/dist.py`, '_finalize_setup_keywords', 'ep.load()(self, ep.name, value)'],
      'setuptools.dist:_finalize_setup_keywords',
      'distutils.setup_keywords',
    ],
    [
      [`${SP}/setuptools/dist.py`, 'finalize_options', 'ep.load()(self, ep.name, value)'],
      'setuptools.dist:finalize_options',
      'distutils.setup_keywords',
    ],
    [
      [`${SP}/setuptools/dist.py`, '<lambda>', 'map(lambda e: e.load(), filtered)'],
      'setuptools.dist:<lambda>',
      'setuptools.finalize_distribution_options',
    ],
    [
      [`${SP}/setuptools/dist.py`, 'get_command_class', 'self.cmdclass[command] = cmdclass = ep.load()'],
      'setuptools.dist:get_command_class',
      'distutils.commands',
    ],
    [
      [`${SP}/pluggy/_manager.py`, 'load_setuptools_entrypoints', 'plugin = ep.load()'],
      'pluggy:load_setuptools_entrypoints',
      null,
    ],
    [
      [`${SP}/stevedore/extension.py`, '_load_one_plugin', 'plugin = ep.load()'],
      'stevedore:_load_one_plugin',
      null,
    ],
    [
      [`${SP}/sphinx/registry.py`, 'load_extension', 'mod = import_module(extname)'],
      'sphinx.registry:load_extension',
      null,
    ],
  ] as const)('%j', (caller, frame, group) => {
    const c = classify(traceback([[caller[0], caller[1], caller[2]], ...pkgResources], missing));
    expect(c.loader).toEqual({ frame, group });
  });

  it.each([
    ['self.pluginmanager.load_setuptools_entrypoints("pytest11")', 'pytest11'],
    ["loaded = self.load_setuptools_entrypoints('pytest11', name=modname)", 'pytest11'],
    ["pm.load_setuptools_entrypoints(group='tox')", 'tox'],
    ['pm.load_setuptools_entrypoints(GROUP)', null],
  ])('pluggy takes the group its host names on the calling line: %s', (code, group) => {
    const frames: Array<[string, string, string?]> = [
      [`${SP}/_pytest/config/__init__.py`, '_preparse', code],
      [`${SP}/pluggy/_manager.py`, 'load_setuptools_entrypoints', 'plugin = ep.load()'],
      ...pkgResources,
    ];
    expect(classify(traceback(frames, missing)).loader).toEqual({
      frame: 'pluggy:load_setuptools_entrypoints',
      group,
    });
  });

  it('a bare pkg_resources load is still a loader, without a group', () => {
    expect(classify(traceback(pkgResources, missing)).loader).toEqual({
      frame: 'pkg_resources:load',
      group: null,
    });
  });

  it('egg_info.run without a load below it counts only when its line loads an entry point', () => {
    const own = traceback(
      [
        [`${SP}/setuptools/command/egg_info.py`, 'run', 'self.find_sources()'],
        ['/home/me/project/setup.py', 'find'],
      ],
      missing,
    );
    expect(classify(own).loader).toBeNull();
  });

  it('flake8 wraps the import error; the cause is classified and the loader comes from the wrapper', () => {
    const cause = traceback(
      [
        [`${SP}/flake8/plugins/finder.py`, '_load_plugin', 'obj = plugin.entry_point.load()'],
        ['/usr/lib/python3.12/importlib/metadata/__init__.py', 'load'],
      ],
      "ModuleNotFoundError: No module named 'flake8_demo'",
    );
    const wrapper = traceback(
      [[`${SP}/flake8/plugins/finder.py`, '_load_plugin', 'raise FailedToLoadPlugin(plugin.package, e)']],
      'flake8.exceptions.FailedToLoadPlugin: Flake8 failed to load plugin "flake8-demo" due to No module named \'flake8_demo\'.',
    );
    const c = classify(
      `${cause}\nThe above exception was the direct cause of the following exception:\n\n${wrapper.replace('running egg_info\n', '')}`,
    );
    expect(c).toMatchObject({
      category: 'missing-module',
      module: 'flake8_demo',
      distribution: 'flake8-demo',
      loader: { frame: 'flake8:_load_plugin' },
    });
  });

  it('sphinx reports the missing extension in its own message', () => {
    const c = classify(
      traceback(
        [[`${SP}/sphinx/registry.py`, 'load_extension', 'raise ExtensionError(...)']],
        "sphinx.errors.ExtensionError: Could not import extension demo_ext (exception: No module named 'demo_ext')",
      ),
    );
    expect(c).toMatchObject({
      category: 'missing-module',
      module: 'demo_ext',
      loader: { frame: 'sphinx.registry:load_extension' },
    });
  });

  it('importlib.metadata cut inside an entry point value is bad-entry-points', () => {
    const c = classify(
      traceback(
        [
          [`${SP}/setuptools/command/egg_info.py`, 'run', 'writer = ep.load()'],
          [
            '/usr/lib/python3.12/importlib/metadata/__init__.py',
            'load',
            "module = import_module(match.group('module'))",
          ],
        ],
        "AttributeError: 'NoneType' object has no attribute 'group'",
      ),
    );
    expect(c).toMatchObject({ category: 'bad-entry-points', loader: { group: 'egg_info.writers' } });
  });

  it('an empty egg-info tripping importlib.metadata on 3.8/3.9 is missing-metadata', () => {
    const c = classify(
      traceback(
        [['/usr/lib/python3.9/importlib/metadata.py', 'entry_points']],
        'TypeError: expected string or bytes-like object',
      ),
    );
    expect(c.category).toBe('missing-metadata');
  });
});

describe('which traceback counts', () => {
  const pbr = viaEggInfo([], "ModuleNotFoundError: No module named 'pbr'");

  it('the last of several', () => {
    const c = classify(pbr + viaEggInfo([], "ModuleNotFoundError: No module named 'setuptools_scm'"));
    expect(c.module).toBe('setuptools_scm');
  });

  it('a chained cause when the final exception says nothing about imports', () => {
    const handler = traceback([['/home/me/project/setup.py', 'main']], 'RuntimeError: build failed').replace(
      'running egg_info\n',
      '',
    );
    const c = classify(
      `${pbr}\nDuring handling of the above exception, another exception occurred:\n\n${handler}`,
    );
    expect(c).toMatchObject({ category: 'missing-module', module: 'pbr' });
  });

  it('none, when the build went on and ended on a distutils error of its own', () => {
    const c = classify(`${pbr}running build_ext\nerror: command '/usr/bin/gcc' failed with exit code 1\n`);
    expect(c).toMatchObject({
      category: 'unrelated',
      exception: { type: 'error', message: "command '/usr/bin/gcc' failed with exit code 1" },
    });
  });

  it('a distutils error naming a missing METADATA (how Python 2 setuptools reports it) is missing-metadata', () => {
    const path = '/venv/lib/python2.7/site-packages/demo_writer-1.0.dist-info/METADATA';
    const c = classify(`running egg_info\nerror: [Errno 2] No such file or directory: '${path}'\n`);
    expect(c).toMatchObject({
      category: 'missing-metadata',
      distribution: 'demo_writer',
      files: [path],
      loader: null,
    });
  });

  it("pip's kebab-case error trailer does not count as the build's own error", () => {
    expect(
      classify(`${pbr}note: This error originates from a subprocess\nerror: metadata-generation-failed\n`)
        .category,
    ).toBe('missing-module');
  });

  it('a traceback whose header was cut off with the head of the log', () => {
    const cut = pbr.slice(pbr.indexOf('  File "/usr/lib/python3.12/site-packages/setuptools'));
    expect(classify(cut)).toEqual(classify(pbr));
  });

  it('output interleaved between frames', () => {
    const lines = pbr.split('\n');
    lines.splice(6, 0, 'writing demo.egg-info/PKG-INFO', 'copying x -> y');
    expect(classify(lines.join('\n'))).toEqual(classify(pbr));
  });

  it('CI timestamps before every line', () => {
    const stamped = pbr
      .split('\n')
      .map((line) => `2026-11-30T08:00:00.1234567Z ${line}`)
      .join('\n');
    expect(classify(stamped)).toEqual(classify(pbr));
  });

  it('only the tail of a huge log is read', () => {
    const head = `${viaEggInfo([], "ModuleNotFoundError: No module named 'early'")}${'x'.repeat(300 * 1024)}\n`;
    expect(classify(head).category).toBe('unrelated');
    expect(classify(head + pbr).module).toBe('pbr');
  });
});

describe('bad input', () => {
  it.each([
    ['empty text', ''],
    ['empty bytes', new Uint8Array()],
    ['binary garbage', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
    ['a log without a traceback', 'running build\nwarning: no previously-included files found\n'],
    ['a lone exception line', "ModuleNotFoundError: No module named 'pbr'\n"],
    ['a frame without an exception', '  File "/x/site-packages/a.py", line 1, in f\n'],
  ])('%s is unrelated', (_name, input) => {
    expect(classify(input)).toEqual({
      category: 'unrelated',
      exception: null,
      module: null,
      topLevel: null,
      distribution: null,
      files: [],
      loader: null,
    });
  });
});
